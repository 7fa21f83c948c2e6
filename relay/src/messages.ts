/** The languages the relay speaks: French first (the cooperative is in Île-de-France). */
export type Language = 'fr' | 'en';

/** French when `LC_ALL`, `LC_MESSAGES` or `LANG` starts with `fr`, English otherwise. */
export function languageOf(env: Readonly<Record<string, string | undefined>>): Language {
  const lang = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
  return lang.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

const TEXT = {
  fr: {
    usage: [
      'Usage : npm start [-- OPTIONS]   (ou node relay/dist/src/main.js OPTIONS)',
      'Relais Intégrale : aide les membres à se trouver et à ouvrir des connexions WebRTC directes ;',
      'sert aussi l’application web. Il ne stocke ni ne lit aucun document.',
      '  --host IP          adresse d’écoute (env HOST, défaut 0.0.0.0 : toutes les interfaces)',
      '  --port N           port web (env PORT, défaut 8080)',
      '  --p2p-port N       port libp2p WebSocket (env P2P_PORT, défaut PORT+1)',
      '  --announce MA      multiaddr à annoncer en plus (répétable)',
      '  --tls-cert F --tls-key F   HTTPS et WSS avec ce certificat PEM',
      '  --key-file F       garde la clé du relais dans F : son adresse reste la même',
      '  --web-root DIR     dossier de l’application construite (env WEB_ROOT, défaut web/dist)',
    ].join('\n'),
    badPort: (what: string, value: string) =>
      `--${what} attend un numéro de port de 0 à 65535, pas « ${value} »`,
    badHost: (host: string) =>
      `--host attend une adresse IP (0.0.0.0 pour toutes les interfaces), pas « ${host} »`,
    noP2pPort: 'le port web est 65535 : indiquez --p2p-port',
    samePorts: (port: number) => `le port web et le port libp2p sont tous deux ${port}`,
    badAnnounce: (address: string) => `--announce attend une multiaddr, pas « ${address} »`,
    tlsPair: '--tls-cert et --tls-key vont ensemble',
    portBusy: (what: string, port: number) =>
      `le port ${what} ${port} est déjà utilisé : arrêtez l’autre programme ou choisissez un autre port`,
    cannotListen: (what: string, reason: string) => `impossible d’écouter (${what}) : ${reason}`,
    badKeyFile: (file: string, reason: string) => `fichier de clé ${file} inutilisable : ${reason}`,
    badTls: (reason: string) => `certificat TLS inutilisable : ${reason}`,
    started: 'Relais Intégrale démarré.',
    openHere: 'Sur cet ordinateur, ouvrez :',
    openOnLan: 'Sur le réseau local, ouvrez :',
    noLan: 'Aucune interface réseau local trouvée (hors boucle locale).',
    scan: 'Ou scannez :',
    relayAddresses: 'Adresses libp2p du relais :',
    webRoot: (dir: string) => `Application web servie depuis ${dir}`,
    notBuilt: (dir: string) =>
      `Application web non construite (${dir} absent) : npm run build --workspace web`,
    stopHint: 'Ctrl+C pour arrêter.',
    stopping: 'Arrêt du relais…',
  },
  en: {
    usage: [
      'Usage: npm start [-- OPTIONS]   (or node relay/dist/src/main.js OPTIONS)',
      'Intégrale relay: helps members find each other and open direct WebRTC connections;',
      'also serves the web app. It neither stores nor reads any document.',
      '  --host IP          address to listen on (env HOST, default 0.0.0.0: every interface)',
      '  --port N           web port (env PORT, default 8080)',
      '  --p2p-port N       libp2p WebSocket port (env P2P_PORT, default PORT+1)',
      '  --announce MA      extra multiaddr to announce (repeatable)',
      '  --tls-cert F --tls-key F   HTTPS and WSS with this PEM certificate',
      '  --key-file F       keep the relay key in F so its address stays the same',
      '  --web-root DIR     directory of the built web app (env WEB_ROOT, default web/dist)',
    ].join('\n'),
    badPort: (what: string, value: string) =>
      `--${what} takes a port number from 0 to 65535, not "${value}"`,
    badHost: (host: string) =>
      `--host takes an IP address (0.0.0.0 for every interface), not "${host}"`,
    noP2pPort: 'the web port is 65535: give --p2p-port',
    samePorts: (port: number) => `the web port and the libp2p port are both ${port}`,
    badAnnounce: (address: string) => `--announce takes a multiaddr, not "${address}"`,
    tlsPair: '--tls-cert and --tls-key go together',
    portBusy: (what: string, port: number) =>
      `the ${what} port ${port} is already in use: stop the other program or choose another port`,
    cannotListen: (what: string, reason: string) => `cannot listen (${what}): ${reason}`,
    badKeyFile: (file: string, reason: string) => `unusable key file ${file}: ${reason}`,
    badTls: (reason: string) => `unusable TLS certificate: ${reason}`,
    started: 'Intégrale relay started.',
    openHere: 'On this computer, open:',
    openOnLan: 'On the local network, open:',
    noLan: 'No local network interface found (besides loopback).',
    scan: 'Or scan:',
    relayAddresses: 'libp2p addresses of the relay:',
    webRoot: (dir: string) => `Serving the web app from ${dir}`,
    notBuilt: (dir: string) => `Web app not built (${dir} missing): npm run build --workspace web`,
    stopHint: 'Ctrl+C to stop.',
    stopping: 'Stopping the relay…',
  },
} as const;

/** The relay's sentences in `language`. */
export function text(language: Language): (typeof TEXT)[Language] {
  return TEXT[language];
}
