import type { MemberInfo } from '@integrale/ledger';
import type { DocumentSyncFact } from '../../app/runtime-network.js';
import type { PeerFact, RelayFact } from '../../app/runtime.js';
import { memberName } from '../../app/screen-logic.js';
import type { Translator } from '../../i18n/translator.js';
import type { RelayAddressProblem } from '../../scan/scanned-text.js';

/*
 * The network panel's facts in plain words. Pure (a translator in, sentences out), so each
 * sentence is tested without a DOM.
 */

type T = Pick<Translator, 't'>;

/** How a device is connected, in words. */
export function describeTransport(
  i18n: T,
  members: readonly MemberInfo[],
  peer: Pick<PeerFact, 'transport' | 'via'>,
): string {
  switch (peer.transport) {
    case 'webrtc':
      return i18n.t('network.transport.webrtc');
    case 'lan':
      return i18n.t('network.transport.lan');
    case 'other':
      return i18n.t('network.transport.other');
    case 'relayed':
      return peer.via === null
        ? i18n.t('network.transport.relayed')
        : i18n.t('network.transport.via', { name: memberName(i18n, members, peer.via) });
  }
}

/** Whose device a peer is, in words. */
export function describePeer(i18n: T, members: readonly MemberInfo[], peer: PeerFact): string {
  return peer.member === null
    ? i18n.t('network.peerUnknown')
    : i18n.t('network.peerOf', { name: memberName(i18n, members, peer.member) });
}

/** A relay's state, in words. */
export function describeRelayState(i18n: T, state: RelayFact['state']): string {
  switch (state) {
    case 'connecting':
      return i18n.t('network.relay.connecting');
    case 'connected':
      return i18n.t('network.relay.connected');
    case 'reserved':
      return i18n.t('network.relay.reserved');
  }
}

/** Why a typed or scanned text is not a relay address, in words. */
export function describeRelayProblem(i18n: T, problem: RelayAddressProblem): string {
  switch (problem) {
    case 'empty':
      return i18n.t('network.relayProblem.empty');
    case 'too-long':
      return i18n.t('network.relayProblem.tooLong');
    case 'invitation':
      return i18n.t('network.relayProblem.invitation');
    case 'url':
      return i18n.t('network.relayProblem.url');
    case 'not-multiaddr':
      return i18n.t('network.relayProblem.notMultiaddr');
    case 'no-peer-id':
      return i18n.t('network.relayProblem.noPeerId');
    case 'malformed':
      return i18n.t('network.relayProblem.malformed');
  }
}

/** A document's name, in words (another area's document by the root's key, as text). */
export function describeDocument(
  i18n: T,
  document: Pick<DocumentSyncFact, 'role' | 'name'>,
): string {
  switch (document.role) {
    case 'root':
      return i18n.t('network.document.root');
    case 'ledger':
      return i18n.t('network.document.ledger');
    case 'other':
      // The documents the app itself names in the root document get their words.
      if (document.name === 'federation') return i18n.t('network.document.federation');
      if (document.name === 'market') return i18n.t('network.document.market');
      return i18n.t('network.document.other', { name: document.name });
  }
}
