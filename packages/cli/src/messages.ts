import type { InvalidReason, PendingReason, VerificationReport } from '@integrale/ledger';

/** The languages the command speaks: French first (the cooperative is in Île-de-France). */
export type Language = 'fr' | 'en';

/** French when `LANG` (or `LC_ALL`, `LC_MESSAGES`) starts with `fr`, English otherwise. */
export function languageOf(env: Readonly<Record<string, string | undefined>>): Language {
  const lang = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
  return lang.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

const REASONS: Record<Language, Record<InvalidReason | PendingReason, string>> = {
  fr: {
    malformed: 'entrée mal formée',
    'wrong-coop': 'appartient à une autre coopérative',
    'bad-signature': 'signature invalide',
    'bad-prev': 'mauvais lien avec l’entrée précédente',
    'invalid-prev': 'suit une entrée invalide',
    'bad-reference': 'cite une entrée qui ne convient pas',
    'bad-proof': 'preuve d’invitation invalide',
    'invite-used': 'invitation déjà utilisée',
    'self-pay': 'paiement à soi-même',
    'bad-balance': 'solde inscrit incorrect',
    'over-limit': 'dépasse la limite de crédit',
    'not-payee': 'accepte un paiement destiné à quelqu’un d’autre',
    'double-accept': 'paiement déjà accepté',
    'missing-prev': 'attend l’entrée précédente',
    'missing-invite': 'attend l’invitation',
    'missing-pay': 'attend le paiement',
    'missing-member': 'attend une adhésion',
    'bad-outcome': 'résultat de vote qui ne correspond pas au décompte',
    'not-proposer': 'seule l’autrice ou l’auteur de la proposition peut faire cela',
    'not-adopted': 's’appuie sur une décision non adoptée',
    'bad-limit': 'limite différente de celle décidée',
    'missing-reference': 'attend une proposition, un vote ou une décision',
    'not-steward': 'compte créé par quelqu’un qui n’en est pas responsable',
    'not-approved': 'dépense sans l’accord d’assez de responsables ni d’une décision',
    'bad-account-prev': 'mauvais lien avec la dépense précédente du compte',
    'double-receipt': 'reçu déjà pris en compte par le compte',
    overdrawn: 'mettrait le compte collectif à découvert',
    'bad-rules': 'suit d’autres règles du compte que celles décidées',
  },
  en: {
    malformed: 'malformed entry',
    'wrong-coop': 'belongs to another cooperative',
    'bad-signature': 'bad signature',
    'bad-prev': 'wrong link to the previous entry',
    'invalid-prev': 'follows an invalid entry',
    'bad-reference': 'cites an entry of the wrong kind',
    'bad-proof': 'bad invitation proof',
    'invite-used': 'invitation already used',
    'self-pay': 'pays itself',
    'bad-balance': 'wrong running balance',
    'over-limit': 'goes over the credit limit',
    'not-payee': 'accepts a payment made to someone else',
    'double-accept': 'payment already accepted',
    'missing-prev': 'waits for the previous entry',
    'missing-invite': 'waits for the invitation',
    'missing-pay': 'waits for the payment',
    'missing-member': 'waits for a membership',
    'bad-outcome': 'vote result that does not match the count',
    'not-proposer': 'only the proposer may do this',
    'not-adopted': 'relies on a decision that was not adopted',
    'bad-limit': 'limit other than the one decided',
    'missing-reference': 'waits for a proposal, ballot or decision',
    'not-steward': 'account created by someone who is not one of its stewards',
    'not-approved': 'spend without the approval of enough stewards or of a decision',
    'bad-account-prev': 'wrong link to the account’s previous spend',
    'double-receipt': 'receipt already taken in by the account',
    overdrawn: 'would overdraw the collective account',
    'bad-rules': 'follows other account rules than those decided',
  },
};

const TEXT = {
  fr: {
    usage:
      'Usage : integrale verify FICHIER [--coop ID] [--json] [--v1-only]\n' +
      'Vérifie un export du registre (tableau JSON ou JSON Lines) selon le format v1 et son\n' +
      'extension de gouvernance gov/1 (--v1-only : le format v1 seul).\n' +
      'Code de sortie : 0 si tout est valide et sans fourche, 1 sinon, 2 si l’entrée est illisible.',
    coop: 'Coopérative',
    entries: (r: VerificationReport) =>
      `Entrées : ${r.entries} — ${r.valid} valides, ${r.invalid.length} invalides, ${r.pending.length} en attente`,
    members: (n: number) => `Membres : ${n}`,
    unaccepted: (n: number) => `Paiements pas encore acceptés : ${n}`,
    fork: (author: string, seq: number, n: number) =>
      `Fourche : ${author} a signé ${n} entrées différentes au numéro ${seq}`,
    overLimit: (account: string, balance: number) =>
      `Au-delà de la limite : ${account} (solde ${balance})`,
    more: (n: number) => `… et ${n} autres`,
    decision: (id: string, title: string, result: string, method: string) =>
      `Décision ${id.slice(0, 12)}… « ${title} » (${method}) : ${result}`,
    uncounted: (n: number) => `  ${n} vote(s) à temps non compté(s) par la personne qui a clos`,
    limit: (account: string, limit: number, decision: string) =>
      `Limite de ${account} : ${limit}, fixée par la décision ${decision.slice(0, 12)}…`,
    account: (id: string, name: string, balance: number, k: number, n: number) =>
      `Compte collectif ${id.slice(0, 12)}… « ${name} » : solde ${balance} (${k} sur ${n} responsables)`,
    accountFork: (id: string, seq: number, n: number) =>
      `Fourche du compte ${id.slice(0, 12)}… : ${n} dépenses différentes au rang ${seq}`,
    ok: 'Résultat : tout est valide.',
    problems: 'Résultat : des anomalies ont été trouvées (code de sortie 1).',
    unreadable: 'entrée illisible',
  },
  en: {
    usage:
      'Usage: integrale verify FILE [--coop ID] [--json] [--v1-only]\n' +
      'Verifies a ledger export (JSON array or JSON Lines) against format v1 and its governance\n' +
      'extension gov/1 (--v1-only: format v1 alone).\n' +
      'Exit status: 0 when all is valid and there is no fork, 1 otherwise, 2 when the input cannot be read.',
    coop: 'Cooperative',
    entries: (r: VerificationReport) =>
      `Entries: ${r.entries} — ${r.valid} valid, ${r.invalid.length} invalid, ${r.pending.length} pending`,
    members: (n: number) => `Members: ${n}`,
    unaccepted: (n: number) => `Payments not yet accepted: ${n}`,
    fork: (author: string, seq: number, n: number) =>
      `Fork: ${author} signed ${n} different entries at seq ${seq}`,
    overLimit: (account: string, balance: number) =>
      `Over the limit: ${account} (balance ${balance})`,
    more: (n: number) => `… and ${n} more`,
    decision: (id: string, title: string, result: string, method: string) =>
      `Decision ${id.slice(0, 12)}… "${title}" (${method}): ${result}`,
    uncounted: (n: number) => `  ${n} on-time vote(s) not counted by whoever closed it`,
    limit: (account: string, limit: number, decision: string) =>
      `Limit of ${account}: ${limit}, set by decision ${decision.slice(0, 12)}…`,
    account: (id: string, name: string, balance: number, k: number, n: number) =>
      `Collective account ${id.slice(0, 12)}… "${name}": balance ${balance} (${k} of ${n} stewards)`,
    accountFork: (id: string, seq: number, n: number) =>
      `Fork of account ${id.slice(0, 12)}…: ${n} different spends at position ${seq}`,
    ok: 'Result: everything is valid.',
    problems: 'Result: problems were found (exit status 1).',
    unreadable: 'unreadable input',
  },
} as const;

/** The command's fixed texts in a language. */
export function text(language: Language): (typeof TEXT)[Language] {
  return TEXT[language];
}

/** A reason of the spec in plain words. */
export function reasonText(language: Language, reason: InvalidReason | PendingReason): string {
  return REASONS[language][reason];
}

/** How many rows of each list the human summary shows before "… and N more". */
const SHOWN = 10;

/** The short human summary of a report. */
export function summary(report: VerificationReport, language: Language): string {
  const t = TEXT[language];
  const lines = [`${t.coop} ${report.coop}`, t.entries(report)];
  const list = (rows: readonly string[]) => {
    for (const row of rows.slice(0, SHOWN)) lines.push('  ' + row);
    if (rows.length > SHOWN) lines.push('  ' + t.more(rows.length - SHOWN));
  };
  const entryRow = (e: {
    id: string;
    author: string | null;
    seq: number | null;
    reason: InvalidReason | PendingReason;
  }) =>
    `${e.id.slice(0, 12)}…  ${e.author ?? '?'} #${e.seq ?? '?'}: ${reasonText(language, e.reason)}`;
  list(report.invalid.map(entryRow));
  list(report.pending.map(entryRow));
  list(report.forks.map((f) => t.fork(f.author, f.seq, f.ids.length)));
  list(report.overLimit.map((o) => t.overLimit(o.account, o.balance)));
  for (const row of report.decisions ?? []) {
    lines.push(t.decision(row.id, row.title, row.result, row.method));
    if (row.uncounted.length > 0) lines.push(t.uncounted(row.uncounted.length));
  }
  list(
    Object.entries(report.limits ?? {}).flatMap(([account, { limit, decision }]) =>
      decision === null ? [] : [t.limit(account, limit, decision)],
    ),
  );
  list(
    Object.entries(report.accounts ?? {}).map(([id, row]) =>
      t.account(id, row.name, row.balance, row.threshold, row.stewards.length),
    ),
  );
  list(
    (report.accountForks ?? []).map((f) => t.accountFork(f.account, f.accountSeq, f.ids.length)),
  );
  lines.push(t.members(report.members.length), t.unaccepted(report.unaccepted.length));
  lines.push(report.invalid.length === 0 && report.forks.length === 0 ? t.ok : t.problems);
  return lines.join('\n');
}
