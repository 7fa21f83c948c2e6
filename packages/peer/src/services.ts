import type { DocHandle } from '@automerge/automerge-repo';
import { isDidKey } from '@integrale/identity';
import { checkShape, isId, type AccountEntry, type Ledger } from '@integrale/ledger';
import { isBoundedText } from './signed-records.js';

/*
 * The common services every cooperative has from its founding: welcome, training, help with
 * steering projects, the cooperative currency, the IT/web group, and the interest-free fund.
 * Each is a collective account (acct/1, kind `service`, the fund's kind `fund`) opened by the
 * founder's device, stewarded by the founder alone at first, and a soft entry of the root
 * document's `services` map naming its account.
 *
 * What the ledger enforces is the account's stewards and threshold — its entry's, or those a
 * decision set (acct/1 `accountRules`) once its chain took them up; the map only says which
 * account is which service. A service's description changes by decision: a proposal whose text
 * ends with the service's marker `[service:<id>]`; once adopted, its text (without the marker)
 * is the description every device shows — read from the verified ledger, never from the map.
 * Changing who stewards the account is a decision with `accountRules` (docs/protocol-accounts.md).
 */

/** The six common services, in the order the app lists them. */
export const COMMON_SERVICES = [
  'accueil',
  'formation',
  'pilotage',
  'monnaie',
  'informatique',
  'caisse',
] as const;
export type CommonService = (typeof COMMON_SERVICES)[number];

/** The interest-free fund's service id. */
export const FUND_SERVICE: CommonService = 'caisse';

/** The account names the founder's device signs (the app translates the service ids). */
export const SERVICE_ACCOUNT_NAMES: Readonly<Record<CommonService, string>> = {
  accueil: 'Accueil',
  formation: 'Formation',
  pilotage: 'Aide au pilotage de projets',
  monnaie: 'Monnaie coopérative',
  informatique: 'Groupe informatique et web',
  caisse: 'Caisse de financement sans intérêts',
};

/** Most code points of a service's description (a proposal's text bound is 10 000). */
export const MAX_SERVICE_DESCRIPTION = 2_000;

/** One service in the root document (soft: the account's entry is what counts). */
export interface ServiceRecord {
  /** The account's id (its `account` entry). */
  account: string;
  /** The founding description ('' : the app shows its translated default). */
  description: string;
}

/** The root document's part this module writes. */
export interface ServicesRootDoc {
  services?: Record<string, ServiceRecord>;
}

/** Whether `value` is one of the common services' ids. */
export function isCommonService(value: unknown): value is CommonService {
  return (COMMON_SERVICES as readonly unknown[]).includes(value);
}

/** The kind of account a service holds. */
export function serviceKind(service: CommonService): 'service' | 'fund' {
  return service === FUND_SERVICE ? 'fund' : 'service';
}

/** A service as the screens show it: what the verified ledger says about its account. */
export interface ServiceView {
  readonly id: CommonService;
  readonly account: string;
  /** The account's stewards and threshold in force (enforced by the ledger). */
  readonly stewards: readonly string[];
  readonly threshold: number;
  readonly balance: number;
  /** The description in force: the latest adopted decision's, else the founding one. */
  readonly description: string;
  /** The adopted decision that set the description, or `null`. */
  readonly describedBy: string | null;
  /** Proposals concerning this service (their marker), newest first. */
  readonly proposals: readonly string[];
}

/** The marker a proposal's text ends with when it concerns a service. */
export function serviceMarker(service: CommonService): string {
  return `[service:${service}]`;
}

const SERVICE_MARKER_AT_END = /\s*\[service:([a-z]{1,20})\]\s*$/;

/** The service a proposal's text names at its end and the text without the marker, or `null`. */
export function serviceOfText(
  text: string,
): { readonly service: CommonService; readonly description: string } | null {
  const match = SERVICE_MARKER_AT_END.exec(text);
  if (match === null || !isCommonService(match[1])) return null;
  return { service: match[1], description: text.slice(0, match.index).trim() };
}

/** The text of a proposal changing a service's description. */
export function serviceChangeText(service: CommonService, description: string): string {
  return `${description.trim()}\n\n${serviceMarker(service)}`;
}

/** The valid account entry with this id, if held. */
export function validAccount(ledger: Ledger, id: string): AccountEntry | undefined {
  if (ledger.status(id)?.state !== 'valid') return undefined;
  const entry = checkShape(ledger.get(id));
  return entry?.type === 'account' ? entry : undefined;
}

/**
 * The services of a root document, checked against the verified ledger: an entry is shown only
 * when it is one of the six ids and names a valid account of the right kind. Untrusted input
 * (anything a member's device wrote into the map) never throws.
 */
export function readServices(root: unknown, ledger: Ledger): ServiceView[] {
  const map = (root as ServicesRootDoc | undefined)?.services;
  if (typeof map !== 'object' || map === null || Array.isArray(map)) return [];
  const decided = new Map<string, { outcome: string; ts: string; description: string }>();
  const proposals = new Map<string, { id: string; ts: string }[]>();
  const byProposal = new Map(ledger.validGovernance('proposal').map((p) => [p.id, p.entry]));
  for (const { id, entry } of ledger.validGovernance('proposal')) {
    const named = serviceOfText(entry.text);
    if (named === null) continue;
    const list = proposals.get(named.service) ?? [];
    list.push({ id, ts: entry.ts });
    proposals.set(named.service, list);
  }
  for (const { id, entry } of ledger.validGovernance('outcome')) {
    if (entry.result !== 'adopted') continue;
    const proposal = byProposal.get(entry.proposal);
    const named = proposal === undefined ? null : serviceOfText(proposal.text);
    if (named === null || !isBoundedText(named.description, 1, MAX_SERVICE_DESCRIPTION)) continue;
    const known = decided.get(named.service);
    if (known === undefined || known.ts < entry.ts || (known.ts === entry.ts && known.outcome < id))
      decided.set(named.service, { outcome: id, ts: entry.ts, description: named.description });
  }
  const out: ServiceView[] = [];
  for (const service of COMMON_SERVICES) {
    if (!Object.hasOwn(map, service)) continue;
    const record = (map as Record<string, unknown>)[service];
    if (typeof record !== 'object' || record === null) continue;
    const { account, description } = record as Record<string, unknown>;
    if (typeof account !== 'string' || !isId(account)) continue;
    const entry = validAccount(ledger, account);
    if (entry?.kind !== serviceKind(service)) continue;
    const founding = isBoundedText(description, 0, MAX_SERVICE_DESCRIPTION) ? description : '';
    const decision = decided.get(service);
    out.push({
      id: service,
      account,
      stewards: (ledger.accountRules(account) ?? entry).stewards.filter((did) => isDidKey(did)),
      threshold: (ledger.accountRules(account) ?? entry).threshold,
      balance: ledger.balanceOf(account),
      description: decision?.description ?? founding,
      describedBy: decision?.outcome ?? null,
      proposals: (proposals.get(service) ?? [])
        .sort((a, b) => (a.ts !== b.ts ? (a.ts < b.ts ? 1 : -1) : a.id < b.id ? -1 : 1))
        .map((p) => p.id),
    });
  }
  return out;
}

/** The fund's account id in a root document (checked against the ledger), or `null`. */
export function fundAccountOf(root: unknown, ledger: Ledger): string | null {
  return readServices(root, ledger).find((s) => s.id === FUND_SERVICE)?.account ?? null;
}

/** What opening the services needs from the peer. */
export interface ServicesOpener {
  openAccount(fields: {
    readonly name: string;
    readonly kind: 'service' | 'fund';
    readonly scope: string;
    readonly stewards: readonly string[];
    readonly threshold: number;
  }): Promise<AccountEntry>;
  root(): DocHandle<ServicesRootDoc>;
  readonly ledger: Ledger;
}

/**
 * Opens the accounts of the services the root document does not name yet (all six at founding)
 * with `steward` as their one steward, and writes them into the map. Run by the founder's device
 * only: the map is made once, by one device (two devices making it at once would keep one).
 */
export async function openCommonServices(
  peer: ServicesOpener,
  steward: string,
  idOf: (entry: AccountEntry) => string,
): Promise<CommonService[]> {
  const present = new Set(readServices(peer.root().doc(), peer.ledger).map((s) => s.id));
  const opened: { service: CommonService; account: string }[] = [];
  for (const service of COMMON_SERVICES) {
    if (present.has(service)) continue;
    const entry = await peer.openAccount({
      name: SERVICE_ACCOUNT_NAMES[service],
      kind: serviceKind(service),
      scope: 'federation',
      stewards: [steward],
      threshold: 1,
    });
    opened.push({ service, account: idOf(entry) });
  }
  if (opened.length > 0) {
    peer.root().change((doc) => {
      if (typeof doc.services !== 'object' || doc.services === null) doc.services = {};
      for (const { service, account } of opened) {
        doc.services[service] = { account, description: '' };
      }
    });
  }
  return opened.map((o) => o.service);
}
