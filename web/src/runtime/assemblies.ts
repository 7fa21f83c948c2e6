import type { AutomergeUrl, DocHandle, Repo, UrlHeads } from '@automerge/automerge-repo/slim';
import type { KeyPair, SignatureVerifier } from '@integrale/identity';
import {
  FEDERATION,
  addAction,
  addAgendaItem,
  approveAgenda,
  createAssembly,
  createCheckIn,
  createCircle,
  editMinutes,
  ensureFederation,
  escalateItem,
  joinCircle,
  leaveCircle,
  moveAgendaItem,
  nextItem,
  nextSpeaker,
  placeDraft,
  previousAssembly,
  ratifyMinutes,
  readAssemblies,
  readAssembly,
  readCircles,
  readDrafts,
  removeAgendaItem,
  requestFloor,
  scopeUrl,
  setActionDone,
  setCurrentItem,
  checkCheckIn,
  withdrawFloor,
  writeCheckIn,
  type AssemblyResult,
  type AssemblyView,
  type CirclesRootDoc,
  type DraftView,
  type ScopeDoc,
} from '@integrale/peer';
import type {
  AssembliesProblem,
  AssembliesResult,
  AssembliesRuntime,
  AssembliesSnapshot,
  AgendaItemDraft,
  MeetingAction,
  MeetingSnapshot,
  MinutesEditResult,
} from '../app/runtime-assemblies.js';

/*
 * The browser runtime's part for circles and assemblies. The root document indexes the circles;
 * each scope (the federation, each circle) has its own document, opened here when this member
 * belongs to the scope — every member belongs to the federation. (The membership gate shares every
 * cooperative document with every member's device: a circle's document is readable by all
 * members' devices; the app shows a circle's assemblies to its members, and anyone joins a circle
 * in one tap.)
 *
 * Nothing here signs a ledger entry: edits are soft data any tab may write, and a check-in is
 * signed apart from the member's feed, so a follower tab doing either cannot fork it. Check-ins
 * are verified asynchronously, once per record text; the screens read the last verified set.
 */

/** What the assemblies part needs of a peer (a `CooperativePeer` has it). */
export interface AssembliesPeer {
  readonly coop: string;
  readonly repo: Repo;
  root(): DocHandle<unknown>;
  readonly ledger: { isMember(did: string): boolean };
}

/** What the assemblies part needs from the runtime around it. */
export interface AssembliesSideInit {
  readonly peer: () => AssembliesPeer | null;
  /** This member's key, once loaded (it signs check-ins). */
  readonly member: () => KeyPair | null;
  /** This member's did:key. @default the member key's */
  readonly self?: () => string | null;
  readonly verifier: () => SignatureVerifier | null;
  /** Registers a listener called on each change of the runtime. */
  readonly subscribe: (listener: () => void) => () => void;
  /** Tells the screens something changed. */
  readonly changed: () => void;
  /** Milliseconds since 1970. */
  readonly clock: () => number;
  /** A fresh id for a circle, an assembly, an item or an action (lowercase hex). */
  readonly newId: () => string;
  readonly log: (message: string) => void;
  /** How long to wait before asking again for a scope document not here yet. @default 2000 */
  readonly retryMs?: number;
}

/** The assemblies part, with what the runtime calls when it stops. */
export interface AssembliesSide extends AssembliesRuntime {
  stop(): void;
}

interface OpenScope {
  readonly url: AutomergeUrl;
  readonly handle: DocHandle<ScopeDoc>;
  readonly stop: () => void;
}

interface Attached {
  readonly peer: AssembliesPeer;
  readonly scopes: Map<string, OpenScope>;
  /** Scopes being opened, with the opening's promise. */
  readonly opening: Map<string, Promise<void>>;
  /** `scope/assembly` → verified attendance. */
  readonly present: Map<string, readonly string[]>;
  /** `scope/assembly/member` → [text, verdict]: a check-in's verdict holds while its text does. */
  readonly verdicts: Map<string, { text: string; ok: boolean }>;
  verifying: Promise<void>;
  retry: ReturnType<typeof setTimeout> | undefined;
  readonly stop: () => void;
}

const EMPTY: AssembliesSnapshot = { circles: [], assemblies: [], drafts: [], loading: [] };

function checkInText(carried: unknown): string | null {
  if (typeof carried === 'string') return carried;
  if (typeof carried === 'object' && carried !== null && 'val' in carried) {
    const val = (carried as { val: unknown }).val;
    return typeof val === 'string' ? val : null;
  }
  return null;
}

/** Creates the assemblies part of a browser runtime. */
export function createAssembliesSide(init: AssembliesSideInit): AssembliesSide {
  const retryMs = init.retryMs ?? 2_000;
  const iso = (): string => new Date(init.clock()).toISOString();
  let attached: Attached | null = null;
  let cached: AssembliesSnapshot | undefined;
  const unsubscribe = init.subscribe(() => {
    cached = undefined;
  });

  function rootOf(peer: AssembliesPeer): DocHandle<CirclesRootDoc> {
    return peer.root() as DocHandle<CirclesRootDoc>;
  }

  function self(): string | null {
    return init.self === undefined ? (init.member()?.did ?? null) : init.self();
  }

  /** The scopes this member sees: the federation and the circles they joined. */
  function scopesOf(here: Attached): { scope: string; url: AutomergeUrl }[] {
    const root = rootOf(here.peer).doc();
    const did = self();
    const out: { scope: string; url: AutomergeUrl }[] = [];
    const federation = scopeUrl(root, FEDERATION);
    if (federation !== null) out.push({ scope: FEDERATION, url: federation });
    for (const circle of readCircles(root)) {
      if (did !== null && circle.members.includes(did))
        out.push({ scope: circle.id, url: circle.docUrl });
    }
    return out;
  }

  function touched(): void {
    cached = undefined;
    init.changed();
  }

  /** Opens the scope documents this member should see and are not open yet. */
  function follow(here: Attached): void {
    if (attached !== here) return;
    let missing = false;
    for (const { scope, url } of scopesOf(here)) {
      const open = here.scopes.get(scope);
      if (open?.url === url) continue;
      if (here.opening.has(scope)) continue;
      const opening = here.peer.repo
        .find<ScopeDoc>(url)
        .then((handle) => {
          here.opening.delete(scope);
          if (attached !== here) return;
          here.scopes.get(scope)?.stop();
          const onChange = (): void => {
            verify(here);
            touched();
          };
          handle.on('change', onChange);
          here.scopes.set(scope, { url, handle, stop: () => handle.off('change', onChange) });
          verify(here);
          touched();
        })
        .catch((error: unknown) => {
          here.opening.delete(scope);
          init.log(`the ${scope} document is not here yet: ${String(error)}`);
          schedule(here);
        });
      here.opening.set(scope, opening);
      missing = true;
    }
    if (missing) touched();
  }

  function schedule(here: Attached): void {
    if (here.retry !== undefined || attached !== here) return;
    here.retry = setTimeout(() => {
      here.retry = undefined;
      follow(here);
    }, retryMs);
  }

  /** Re-verifies the check-ins of every open assembly (each record text once). */
  function verify(here: Attached): void {
    const verifier = init.verifier();
    if (verifier === null) return;
    here.verifying = here.verifying
      .then(async () => {
        let changedAny = false;
        for (const [scope, open] of here.scopes) {
          const assemblies = open.handle.doc()?.assemblies ?? {};
          for (const [id, raw] of Object.entries(assemblies)) {
            const checkIns = (raw as { checkIns?: unknown }).checkIns;
            if (typeof checkIns !== 'object' || checkIns === null) continue;
            const present: string[] = [];
            for (const [member, carried] of Object.entries(checkIns as Record<string, unknown>)) {
              const key = `${scope}/${id}/${member}`;
              const text = checkInText(carried);
              let verdict = here.verdicts.get(key);
              if (verdict === undefined || verdict.text !== text) {
                const checked = await checkCheckIn(member, carried, {
                  coop: here.peer.coop,
                  assembly: id,
                  isMember: () => true, // membership is checked when shown: it only grows
                  verifier,
                });
                verdict = { text: text ?? '', ok: checked.ok };
                here.verdicts.set(key, verdict);
              }
              if (verdict.ok) present.push(member);
            }
            present.sort();
            const key = `${scope}/${id}`;
            const before = here.present.get(key);
            if (before?.join() !== present.join()) {
              here.present.set(key, present);
              changedAny = true;
            }
          }
        }
        if (changedAny && attached === here) touched();
      })
      .catch((error: unknown) => init.log(`could not verify check-ins: ${String(error)}`));
  }

  function current(): Attached | null {
    const peer = init.peer();
    if (peer === attached?.peer) return attached;
    detach();
    if (peer === null) return null;
    const root = rootOf(peer);
    const onRoot = (): void => {
      if (next !== null) {
        follow(next);
        touched();
      }
    };
    root.on('change', onRoot);
    const next: Attached = {
      peer,
      scopes: new Map(),
      opening: new Map(),
      present: new Map(),
      verdicts: new Map(),
      verifying: Promise.resolve(),
      retry: undefined,
      stop: () => root.off('change', onRoot),
    };
    attached = next;
    follow(next);
    return next;
  }

  function detach(): void {
    if (attached === null) return;
    attached.stop();
    clearTimeout(attached.retry);
    for (const open of attached.scopes.values()) open.stop();
    attached = null;
    cached = undefined;
  }

  function build(here: Attached): AssembliesSnapshot {
    const root = rootOf(here.peer).doc();
    const did = self();
    const isMember = (member: string): boolean => here.peer.ledger.isMember(member);
    const circles = readCircles(root).map((circle) => {
      const members = circle.members.filter(isMember);
      return {
        id: circle.id,
        name: circle.name,
        members,
        joined: did !== null && members.includes(did),
      };
    });
    const assemblies: AssemblyView[] = [];
    let drafts: DraftView[] = [];
    const loading: string[] = [];
    for (const { scope } of scopesOf(here)) {
      const open = here.scopes.get(scope);
      if (open === undefined) {
        loading.push(scope);
        continue;
      }
      assemblies.push(...readAssemblies(open.handle.doc(), scope));
      if (scope === FEDERATION) drafts = readDrafts(open.handle.doc());
    }
    assemblies.sort((a, b) =>
      a.startsAt !== b.startsAt ? (a.startsAt < b.startsAt ? -1 : 1) : a.id < b.id ? -1 : 1,
    );
    return { circles, assemblies, drafts, loading };
  }

  const fail = (reason: AssembliesProblem): AssembliesResult => ({ ok: false, reason });
  const fromResult = (result: AssemblyResult, id = ''): AssembliesResult =>
    result.ok ? { ok: true, id } : fail(result.reason);

  /** The open document of a scope this member may act in, or why not. */
  function scopeHandle(scope: string): DocHandle<ScopeDoc> | AssembliesProblem {
    const here = current();
    const did = self();
    if (here === null || did === null) return 'not-ready';
    if (!here.peer.ledger.isMember(did)) return 'not-member';
    if (!scopesOf(here).some((known) => known.scope === scope)) return 'unknown-scope';
    return here.scopes.get(scope)?.handle ?? 'not-ready';
  }

  async function saved(): Promise<void> {
    await attached?.peer.repo.flush();
  }

  function itemInput(item: AgendaItemDraft) {
    return {
      id: init.newId(),
      title: item.title,
      kind: item.kind,
      minutes: item.minutes,
      proposal: item.proposal === undefined || item.proposal === '' ? null : item.proposal,
    };
  }

  function act(
    handle: DocHandle<ScopeDoc>,
    scope: string,
    assembly: string,
    action: MeetingAction,
    did: string,
  ): AssembliesResult | Promise<AssembliesResult> {
    switch (action.type) {
      case 'approve-agenda':
        return fromResult(approveAgenda(handle, assembly, did, iso()));
      case 'next-item':
        return fromResult(nextItem(handle, assembly, iso()));
      case 'set-item':
        return fromResult(setCurrentItem(handle, assembly, action.item, iso()));
      case 'add-item': {
        const input = itemInput(action.item);
        return fromResult(addAgendaItem(handle, assembly, input), input.id);
      }
      case 'move-item':
        return fromResult(moveAgendaItem(handle, assembly, action.item, action.to));
      case 'remove-item':
        return fromResult(removeAgendaItem(handle, assembly, action.item));
      case 'request-floor':
        return fromResult(requestFloor(handle, assembly, did));
      case 'withdraw-floor':
        return fromResult(withdrawFloor(handle, assembly, did));
      case 'next-speaker':
        return fromResult(nextSpeaker(handle, assembly));
      case 'check-in': {
        const member = init.member();
        const here = attached;
        if (member === null || here === null) return fail('not-ready');
        const record = createCheckIn(member, { coop: here.peer.coop, assembly, ts: iso() });
        return fromResult(writeCheckIn(handle, record));
      }
      case 'ratify-previous': {
        const all = readAssemblies(handle.doc(), scope);
        const here = all.find((known) => known.id === assembly);
        const previous = here === undefined ? null : previousAssembly(all, here);
        if (previous === null) return fail('no-previous');
        return fromResult(ratifyMinutes(handle, previous.id, assembly, iso()));
      }
      case 'add-action': {
        const id = init.newId();
        return fromResult(
          addAction(handle, assembly, { id, what: action.what, who: action.who, due: action.due }),
          id,
        );
      }
      case 'action-done':
        return fromResult(setActionDone(handle, assembly, action.action, action.done));
      case 'escalate': {
        const federation = scopeHandle(FEDERATION);
        if (typeof federation === 'string') return fail(federation);
        const draft = init.newId();
        return fromResult(
          escalateItem(handle, federation, { assembly, item: action.item, draft, at: iso() }),
          draft,
        );
      }
      case 'place-draft': {
        const item = init.newId();
        return fromResult(placeDraft(handle, action.draft, assembly, item), item);
      }
    }
  }

  return {
    assembliesSnapshot() {
      const here = current();
      if (here === null) return EMPTY;
      cached ??= build(here);
      return cached;
    },

    meeting(scope, assembly): MeetingSnapshot | null {
      const here = current();
      const open = here?.scopes.get(scope);
      if (here === null || open === undefined) return null;
      const doc = open.handle.doc();
      const view = readAssembly(scope, assembly, doc?.assemblies?.[assembly]);
      if (view === null) return null;
      const did = self();
      const present = (here.present.get(`${scope}/${assembly}`) ?? []).filter((member) =>
        here.peer.ledger.isMember(member),
      );
      return {
        assembly: view,
        present,
        checkedIn: did !== null && present.includes(did),
        previous: previousAssembly(readAssemblies(doc, scope), view),
        heads: [...open.handle.heads()],
        inScope: scopesOf(here).some((known) => known.scope === scope),
      };
    },

    async createCircle(name) {
      const here = current();
      const did = self();
      if (here === null || did === null) return fail('not-ready');
      if (!here.peer.ledger.isMember(did)) return fail('not-member');
      const id = init.newId();
      const made = createCircle(here.peer.repo, rootOf(here.peer), {
        id,
        name,
        by: did,
        at: iso(),
      });
      if (!made.ok) return fail(made.reason);
      await saved();
      return { ok: true, id };
    },

    async joinCircle(circle) {
      const here = current();
      const did = self();
      if (here === null || did === null) return fail('not-ready');
      if (!here.peer.ledger.isMember(did)) return fail('not-member');
      const joined = joinCircle(rootOf(here.peer), circle, did, iso());
      if (!joined.ok) return fail(joined.reason);
      await saved();
      return { ok: true, id: circle };
    },

    async leaveCircle(circle) {
      const here = current();
      const did = self();
      if (here === null || did === null) return fail('not-ready');
      const left = leaveCircle(rootOf(here.peer), circle, did);
      if (!left.ok) return fail(left.reason);
      await saved();
      return { ok: true, id: circle };
    },

    async createAssembly(draft) {
      const here = current();
      const did = self();
      if (here === null || did === null) return fail('not-ready');
      if (!here.peer.ledger.isMember(did)) return fail('not-member');
      // A cooperative founded before the federation's document existed gets it now.
      if (draft.scope === FEDERATION && scopeUrl(rootOf(here.peer).doc(), FEDERATION) === null) {
        ensureFederation(here.peer.repo, rootOf(here.peer));
        follow(here);
      }
      const handle = await openedScope(here, draft.scope);
      if (typeof handle === 'string') return fail(handle);
      const id = init.newId();
      const result = createAssembly(handle, {
        id,
        title: draft.title,
        startsAt: draft.startsAt,
        place: draft.place,
        online: draft.online,
        facilitator: did,
        agenda: draft.agenda.map(itemInput),
      });
      if (!result.ok) return fail(result.reason);
      await saved();
      return { ok: true, id };
    },

    async meetingAction(scope, assembly, action) {
      const handle = scopeHandle(scope);
      const did = self();
      if (typeof handle === 'string') return fail(handle);
      if (did === null) return fail('not-ready');
      const result = await act(handle, scope, assembly, action, did);
      if (result.ok) await saved();
      return result;
    },

    editMinutes(scope, assembly, edit): MinutesEditResult {
      const handle = scopeHandle(scope);
      if (typeof handle === 'string') return { ok: false, reason: handle };
      const result = editMinutes(handle, assembly, {
        heads: [...edit.heads] as UrlHeads,
        index: edit.index,
        remove: edit.remove,
        insert: edit.insert,
      });
      return result.ok ? { ok: true, heads: [...result.heads] } : result;
    },

    stop() {
      unsubscribe();
      detach();
    },
  };

  /** Waits for a scope this member belongs to while its document is being opened. */
  async function openedScope(
    here: Attached,
    scope: string,
  ): Promise<DocHandle<ScopeDoc> | AssembliesProblem> {
    await here.opening.get(scope);
    return scopeHandle(scope);
  }
}
