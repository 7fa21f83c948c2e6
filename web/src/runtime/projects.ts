import type { AutomergeUrl, DocHandle, Repo } from '@automerge/automerge-repo/slim';
import type { KeyPair, SignatureVerifier } from '@integrale/identity';
import { formatTimestamp, type Ledger } from '@integrale/ledger';
import {
  FEDERATION,
  changeProject,
  checkListingDraft,
  createHelpAnswer,
  createHelpOffer,
  createListing,
  createListingClose,
  createMarketBook,
  createProject,
  createProjectBook,
  ensureMarket,
  ensureProjectsDoc,
  listingViews,
  marketUrl,
  offerPayments,
  projectRecordMap,
  projectsDocs,
  readCircles,
  readProjects,
  writeMarketRecord,
  writeProjectRecord,
  type CirclesRootDoc,
  type MarketDoc,
  type MarketRecord,
  type MarketRootDoc,
  type ProjectChange,
  type ProjectRecord,
  type ProjectsDoc,
  type ProjectsRootDoc,
  type ProjectView,
  type RecordBook,
} from '@integrale/peer';
import type {
  ProjectEdit,
  ProjectsProblem,
  ProjectsResult,
  ProjectsRuntime,
  ProjectsSnapshot,
} from '../app/runtime-projects.js';

/*
 * The browser runtime's part for projects and the offers-and-wants directory. The root document
 * names one projects document per scope and the market document; this part opens each of them,
 * verifies their signed records (once per record text, asynchronously) and builds what the screens
 * show from the last verified set, cached until the next change. Soft edits and signed records are
 * written in any tab: none is an entry of the member's feed, so a follower tab cannot fork it.
 */

/** What this part needs of a peer (a `CooperativePeer` has it). */
export interface ProjectsPeer {
  readonly coop: string;
  readonly repo: Repo;
  root(): DocHandle<unknown>;
  readonly ledger: Ledger;
}

/** What the projects part needs from the runtime around it. */
export interface ProjectsSideInit {
  readonly peer: () => ProjectsPeer | null;
  /** This member's key, once loaded (it signs charters, offers, answers, listings). */
  readonly member: () => KeyPair | null;
  readonly verifier: () => SignatureVerifier | null;
  /** Registers a listener called on each change of the runtime (caches go stale there). */
  readonly subscribe: (listener: () => void) => () => void;
  /** Tells the screens something changed. */
  readonly changed: () => void;
  /** Milliseconds since 1970. */
  readonly clock: () => number;
  /** A fresh id for a task or a need (lowercase hex). */
  readonly newId: () => string;
  readonly log: (message: string) => void;
}

/** The projects part, with what the runtime calls when it stops. */
export interface ProjectsSide extends ProjectsRuntime {
  stop(): void;
}

type RootDoc = ProjectsRootDoc & MarketRootDoc & CirclesRootDoc;

interface Opened<T> {
  readonly url: AutomergeUrl;
  readonly handle: DocHandle<T>;
  readonly stop: () => void;
}

interface Attached {
  readonly peer: ProjectsPeer;
  readonly projectBook: RecordBook<ProjectRecord>;
  readonly marketBook: RecordBook<MarketRecord>;
  readonly scopes: Map<string, Opened<ProjectsDoc>>;
  /** Verified records of each scope's document. */
  readonly verified: Map<string, Map<string, ProjectRecord>>;
  market: Opened<MarketDoc> | null;
  marketRecords: Map<string, MarketRecord>;
  /** Documents being opened, by key, with the opening's promise. */
  readonly opening: Map<string, Promise<void>>;
  reading: Promise<void>;
  readonly stop: () => void;
}

const EMPTY: ProjectsSnapshot = { projects: [], listings: [], scopes: [] };

/** Creates the projects part of a browser runtime. */
export function createProjectsSide(init: ProjectsSideInit): ProjectsSide {
  let attached: Attached | null = null;
  let cached: ProjectsSnapshot | undefined;
  const unsubscribe = init.subscribe(() => {
    cached = undefined;
  });
  const ts = (): string => formatTimestamp(new Date(init.clock()));

  function rootOf(peer: ProjectsPeer): DocHandle<RootDoc> {
    return peer.root() as DocHandle<RootDoc>;
  }

  function touched(): void {
    cached = undefined;
    init.changed();
  }

  /** Verifies every opened document's records again (each record once: the books remember). */
  function reread(here: Attached): Promise<void> {
    here.reading = here.reading
      .then(async () => {
        for (const [scope, open] of here.scopes) {
          const records = await here.projectBook.read(projectRecordMap(open.handle.doc()));
          here.verified.set(scope, records);
        }
        if (here.market !== null) {
          here.marketRecords = await here.marketBook.read(here.market.handle.doc()?.records);
        }
        if (attached === here) touched();
      })
      .catch((error: unknown) => init.log(`could not read projects: ${String(error)}`));
    return here.reading;
  }

  function open<T>(here: Attached, key: string, url: AutomergeUrl, done: (o: Opened<T>) => void) {
    if (here.opening.has(key)) return;
    const opening = here.peer.repo
      .find<T>(url)
      .then((handle) => {
        here.opening.delete(key);
        if (attached !== here) return;
        const onChange = (): void => void reread(here);
        handle.on('change', onChange);
        done({ url, handle, stop: () => handle.off('change', onChange) });
        void reread(here);
      })
      .catch((error: unknown) => {
        here.opening.delete(key);
        init.log(`the ${key} document is not here yet: ${String(error)}`);
      });
    here.opening.set(key, opening);
  }

  /** Opens what the root names and waits until it is open and verified (before an action). */
  async function settled(here: Attached): Promise<void> {
    follow(here);
    await Promise.all(here.opening.values());
    await here.reading;
    cached = undefined;
  }

  /** Opens the documents the root names that are not open yet. */
  function follow(here: Attached): void {
    const root = rootOf(here.peer).doc();
    for (const { scope, url } of projectsDocs(root)) {
      if (here.scopes.get(scope)?.url === url) continue;
      open<ProjectsDoc>(here, `projects:${scope}`, url, (opened) => {
        here.scopes.get(scope)?.stop();
        here.scopes.set(scope, opened);
      });
    }
    const market = marketUrl(root);
    if (market !== null && here.market?.url !== market) {
      open<MarketDoc>(here, 'market', market, (opened) => {
        here.market?.stop();
        here.market = opened;
      });
    }
  }

  /** Follows the shown peer (a new session brings a new peer). */
  function current(): Attached | null {
    const peer = init.peer();
    const verifier = init.verifier();
    if (peer === attached?.peer) return attached;
    attached?.stop();
    attached = null;
    cached = undefined;
    if (peer === null || verifier === null) return null;
    const root = rootOf(peer);
    const onRoot = (): void => {
      if (attached === next) follow(next);
    };
    root.on('change', onRoot);
    const next: Attached = {
      peer,
      projectBook: createProjectBook({ coop: peer.coop, verifier }),
      marketBook: createMarketBook({ coop: peer.coop, verifier }),
      scopes: new Map(),
      verified: new Map(),
      market: null,
      marketRecords: new Map(),
      opening: new Map(),
      reading: Promise.resolve(),
      stop: () => {
        root.off('change', onRoot);
        for (const scope of next.scopes.values()) scope.stop();
        next.market?.stop();
      },
    };
    attached = next;
    follow(next);
    return next;
  }

  function snapshot(): ProjectsSnapshot {
    const here = current();
    if (here === null) return EMPTY;
    if (cached !== undefined) return cached;
    const self = init.member()?.did ?? null;
    const projects: ProjectView[] = [];
    for (const [scope, opened] of here.scopes) {
      projects.push(...readProjects(opened.handle.doc(), here.verified.get(scope) ?? new Map()));
    }
    projects.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
    const circles = readCircles(rootOf(here.peer).doc()).filter(
      (circle) => self !== null && circle.members.includes(self),
    );
    cached = {
      projects,
      listings: listingViews(here.marketRecords, (did) => here.peer.ledger.isMember(did)),
      scopes: [
        { id: FEDERATION, name: '' },
        ...circles.map((circle) => ({ id: circle.id, name: circle.name })),
      ],
    };
    return cached;
  }

  /** The member and the attached peer, or why not. */
  async function ready(): Promise<
    { here: Attached; member: KeyPair } | { reason: ProjectsProblem }
  > {
    const here = current();
    const member = init.member();
    if (here === null || member === null) return { reason: 'not-ready' };
    if (!here.peer.ledger.isMember(member.did)) return { reason: 'not-member' };
    await settled(here);
    return { here, member };
  }

  async function scopeHandle(here: Attached, scope: string): Promise<DocHandle<ProjectsDoc>> {
    const open = here.scopes.get(scope);
    if (open !== undefined) return open.handle;
    const url = ensureProjectsDoc(here.peer.repo, rootOf(here.peer), scope);
    return here.peer.repo.find<ProjectsDoc>(url);
  }

  function projectOf(here: Attached, project: string): ProjectView | undefined {
    return snapshot().projects.find((view) => view.id === project && here.scopes.has(view.scope));
  }

  /** Stores what was written, reads it back verified, and answers with `id`. */
  async function done(here: Attached, id: string): Promise<ProjectsResult> {
    await here.peer.repo.flush();
    follow(here);
    await reread(here);
    return { ok: true, id };
  }

  return {
    projectsSnapshot: snapshot,

    offerPayments(id) {
      const here = current();
      const listing = snapshot().listings.find((view) => view.id === id);
      return here === null || listing === undefined ? [] : offerPayments(here.peer.ledger, listing);
    },

    async createProject(input) {
      const state = await ready();
      if ('reason' in state) return { ok: false, reason: state.reason };
      const { here, member } = state;
      if (!snapshot().scopes.some((scope) => scope.id === input.scope)) {
        return { ok: false, reason: 'unknown-scope' };
      }
      const handle = await scopeHandle(here, input.scope);
      const created = createProject(handle, member, {
        coop: here.peer.coop,
        scope: input.scope,
        ts: ts(),
        title: input.title,
        description: input.description,
        needs: input.needs.map((need) => ({ ...need, id: init.newId() })),
      });
      if (!created.ok) return created;
      // Open it now: the root's change may come after the answer.
      if (!here.scopes.has(input.scope)) {
        const onChange = (): void => void reread(here);
        handle.on('change', onChange);
        here.scopes.set(input.scope, {
          url: handle.url,
          handle,
          stop: () => handle.off('change', onChange),
        });
      }
      return done(here, created.value.id);
    },

    async editProject(project, edit: ProjectEdit) {
      const state = await ready();
      if ('reason' in state) return { ok: false, reason: state.reason };
      const { here, member } = state;
      const view = projectOf(here, project);
      const open = view === undefined ? undefined : here.scopes.get(view.scope);
      if (open === undefined) return { ok: false, reason: 'unknown-project' };
      const change: ProjectChange =
        edit.type === 'add-task'
          ? { ...edit, id: init.newId() }
          : edit.type === 'add-need'
            ? { type: 'add-need', need: { ...edit.need, id: init.newId() } }
            : edit;
      const result = changeProject(open.handle, project, change, member.did, ts());
      if (!result.ok) return result;
      return done(here, project);
    },

    async offerHelp(input) {
      const state = await ready();
      if ('reason' in state) return { ok: false, reason: state.reason };
      const { here, member } = state;
      const view = projectOf(here, input.project);
      const open = view === undefined ? undefined : here.scopes.get(view.scope);
      if (view === undefined || open === undefined) return { ok: false, reason: 'unknown-project' };
      if (!view.needs.some((need) => need.id === input.need)) {
        return { ok: false, reason: 'unknown-need' };
      }
      if (!Number.isSafeInteger(input.quantity) || input.quantity < 1 || input.quantity > 1e9) {
        return { ok: false, reason: 'invalid-quantity' };
      }
      if (typeof input.note !== 'string' || [...input.note].length > 280) {
        return { ok: false, reason: 'invalid-text' };
      }
      const record = createHelpOffer(member, {
        coop: here.peer.coop,
        project: input.project,
        need: input.need,
        quantity: input.quantity,
        note: input.note.trim(),
        ts: ts(),
      });
      const written = writeProjectRecord(open.handle, record);
      return written.ok ? done(here, written.value.id) : written;
    },

    async answerHelp(project, offer, answer) {
      const state = await ready();
      if ('reason' in state) return { ok: false, reason: state.reason };
      const { here, member } = state;
      const view = projectOf(here, project);
      const open = view === undefined ? undefined : here.scopes.get(view.scope);
      if (view === undefined || open === undefined) return { ok: false, reason: 'unknown-project' };
      if (!view.stewards.includes(member.did)) return { ok: false, reason: 'not-steward' };
      const target = view.offers.find((item) => item.id === offer);
      if (target === undefined) return { ok: false, reason: 'unknown-offer' };
      if (target.state === 'accepted') return { ok: false, reason: 'already-answered' };
      if (answer !== 'accepted' && answer !== 'declined') return { ok: false, reason: 'not-open' };
      const record = createHelpAnswer(member, {
        coop: here.peer.coop,
        project,
        offer,
        answer,
        ts: ts(),
      });
      const written = writeProjectRecord(open.handle, record);
      return written.ok ? done(here, written.value.id) : written;
    },

    async addListing(draft) {
      const state = await ready();
      if ('reason' in state) return { ok: false, reason: state.reason };
      const { here, member } = state;
      const checked = checkListingDraft(draft);
      if (!checked.ok) return checked;
      const url = ensureMarket(here.peer.repo, rootOf(here.peer));
      const handle = here.market?.handle ?? (await here.peer.repo.find<MarketDoc>(url));
      if (here.market === null) {
        const onChange = (): void => void reread(here);
        handle.on('change', onChange);
        here.market = { url, handle, stop: () => handle.off('change', onChange) };
      }
      const record = createListing(member, { ...checked.value, coop: here.peer.coop, ts: ts() });
      return done(here, writeMarketRecord(handle, record));
    },

    async closeListing(id) {
      const state = await ready();
      if ('reason' in state) return { ok: false, reason: state.reason };
      const { here, member } = state;
      const listing = snapshot().listings.find((view) => view.id === id);
      if (listing === undefined || here.market === null) {
        return { ok: false, reason: 'unknown-listing' };
      }
      if (listing.by !== member.did) return { ok: false, reason: 'not-author' };
      if (listing.closed) return { ok: false, reason: 'not-open' };
      const record = createListingClose(member, { coop: here.peer.coop, listing: id, ts: ts() });
      return done(here, writeMarketRecord(here.market.handle, record));
    },

    stop() {
      unsubscribe();
      attached?.stop();
      attached = null;
    },
  };
}
