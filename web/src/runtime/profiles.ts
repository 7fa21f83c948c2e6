import type { DocHandle } from '@automerge/automerge-repo/slim';
import type { KeyPair, SignatureVerifier } from '@integrale/identity';
import { formatTimestamp, type MemberInfo } from '@integrale/ledger';
import {
  createProfile,
  createProfileBook,
  isProfileName,
  profileNames,
  writeProfile,
  type CooperativePeer,
  type ProfileBook,
  type ProfileRecord,
  type ProfilesDoc,
} from '@integrale/peer';

/*
 * The browser runtime's part for member profiles: the names members gave themselves, signed and
 * carried in the root document (see @integrale/peer profiles.ts). The genesis names only the
 * cooperative, so the founder is named by their profile; a member who joined keeps their join's
 * name, which the ledger holds.
 *
 * Checking a profile's signature may be asynchronous: the verified profiles are read again on
 * each change of the root document, and the screens are told once they differ.
 */

/** What the profiles part needs from the runtime around it. */
export interface ProfilesSideInit {
  /** The peer whose data the screens show, or `null`. */
  readonly peer: () => CooperativePeer | null;
  readonly verifier: () => SignatureVerifier | null;
  /** Tells the screens something changed. */
  readonly changed: () => void;
  readonly log: (message: string) => void;
}

/** The profiles part, with what the runtime calls when it stops. */
export interface ProfilesSide {
  /**
   * The ledger's members as the screens show them: with their profile's name where the ledger
   * has none (the founder). Follows the shown peer; starts reading its profiles when new.
   */
  members(ledgerMembers: readonly MemberInfo[]): MemberInfo[];
  stop(): void;
}

interface Attached {
  readonly peer: CooperativePeer;
  readonly book: ProfileBook;
  profiles: ReadonlyMap<string, ProfileRecord>;
  reading: Promise<void>;
  readonly stop: () => void;
}

function rootOf(peer: CooperativePeer): DocHandle<ProfilesDoc> {
  return peer.root() as unknown as DocHandle<ProfilesDoc>;
}

/** Whether two reads hold the same records (a record's signature stands for its content). */
function sameProfiles(
  a: ReadonlyMap<string, ProfileRecord>,
  b: ReadonlyMap<string, ProfileRecord>,
): boolean {
  if (a.size !== b.size) return false;
  for (const [did, record] of a) if (b.get(did)?.sig !== record.sig) return false;
  return true;
}

/** Creates the profiles part of a browser runtime. */
export function createProfilesSide(init: ProfilesSideInit): ProfilesSide {
  let attached: Attached | null = null;

  function reread(current: Attached): void {
    current.reading = current.reading
      .then(async () => {
        const profiles = await current.book.read(rootOf(current.peer).doc()?.profiles);
        if (attached !== current || sameProfiles(profiles, current.profiles)) return;
        current.profiles = profiles;
        init.changed();
      })
      .catch((error: unknown) => init.log(`could not read profiles: ${String(error)}`));
  }

  /** Follows the shown peer's root document (a new session brings a new peer). */
  function current(): Attached | null {
    const peer = init.peer();
    const verifier = init.verifier();
    if (peer === attached?.peer) return attached;
    attached?.stop();
    attached = null;
    if (peer === null || verifier === null) return null;
    const handle = rootOf(peer);
    const onChange = (): void => reread(next);
    handle.on('change', onChange);
    const next: Attached = {
      peer,
      book: createProfileBook({ coop: peer.coop, verifier }),
      profiles: new Map(),
      reading: Promise.resolve(),
      stop: () => handle.off('change', onChange),
    };
    attached = next;
    reread(next);
    return next;
  }

  return {
    members(ledgerMembers) {
      const here = current();
      if (here === null || here.profiles.size === 0) return [...ledgerMembers];
      const names = profileNames(here.profiles, ledgerMembers);
      return ledgerMembers.map((member) =>
        member.name === null && names.has(member.did)
          ? { ...member, name: names.get(member.did) ?? null }
          : member,
      );
    },
    stop() {
      attached?.stop();
      attached = null;
    },
  };
}

/**
 * Whether `name` (as typed, trimmed) can be written as a profile's name. Takes anything: the
 * runtime's callers include scripts (the test hook), not only the typed create form.
 */
export function isOwnProfileName(name: unknown): name is string {
  return typeof name === 'string' && isProfileName(name.trim());
}

/**
 * Signs this member's profile with `name` (trimmed) and writes it into the peer's root
 * document. Throws a `RangeError` for a name that cannot be one (check it first).
 */
export function writeOwnProfile(
  peer: CooperativePeer,
  member: KeyPair,
  name: string,
  now: number,
): void {
  const record = createProfile(member, {
    coop: peer.coop,
    name: name.trim(),
    ts: formatTimestamp(new Date(now)),
  });
  writeProfile(rootOf(peer), record);
}
