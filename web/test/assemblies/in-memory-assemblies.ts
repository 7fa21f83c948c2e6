import { Repo, type DocHandle } from '@automerge/automerge-repo';
import type { KeyPair, SignatureVerifier } from '@integrale/identity';
import { emptyScopeDoc, FEDERATION, type CirclesRootDoc } from '@integrale/peer';
import { createAssembliesSide, type AssembliesSide } from '../../src/runtime/assemblies.js';

/** Options of {@link createInMemoryAssemblies}. */
export interface InMemoryAssembliesInit {
  readonly self: string;
  readonly isMember: (did: string) => boolean;
  readonly changed: () => void;
  /** The member's key, to sign check-ins; without one, checking in answers `not-ready`. */
  readonly member?: KeyPair;
  readonly verifier?: SignatureVerifier;
  readonly coop?: string;
  readonly clock?: () => number;
}

/**
 * The assemblies part over a real Automerge repo in memory (no network): the root document with
 * the federation's, as founding makes them. For unit tests of the screens and the runtime part.
 */
export function createInMemoryAssemblies(init: InMemoryAssembliesInit): AssembliesSide & {
  readonly repo: Repo;
  readonly root: DocHandle<CirclesRootDoc>;
} {
  const repo = new Repo({});
  const federation = repo.create(emptyScopeDoc(FEDERATION));
  const root = repo.create<CirclesRootDoc>({ federation: federation.url });
  const peer = {
    coop: init.coop ?? 'c'.repeat(64),
    repo,
    root: () => root as DocHandle<unknown>,
    ledger: { isMember: init.isMember },
  };
  let counter = 0;
  const side = createAssembliesSide({
    peer: () => peer,
    member: () => init.member ?? null,
    self: () => init.self,
    verifier: () => init.verifier ?? null,
    subscribe: () => () => undefined,
    changed: init.changed,
    clock: init.clock ?? (() => Date.UTC(2026, 11, 5, 14)),
    newId: () => (++counter).toString(16).padStart(8, '0'),
    log: () => undefined,
  });
  return Object.assign(side, { repo, root });
}
