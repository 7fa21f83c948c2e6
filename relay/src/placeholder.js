// Placeholder until the peer-to-peer sync issue: the relay will build the web app, start a
// libp2p WebSockets + circuit-relay-v2 node for discovery and signalling, serve the app and
// print the addresses to open. For now it says so and points at what already works.
const fr = (process.env.LANG ?? '').startsWith('fr');
console.log(
  fr
    ? 'Intégrale : le relais et l’application web arrivent bientôt.\nDéjà disponible : npx integrale verify EXPORT.json [--coop ID] [--json]'
    : 'Intégrale: the relay and the web app are coming next.\nAlready available: npx integrale verify EXPORT.json [--coop ID] [--json]',
);
