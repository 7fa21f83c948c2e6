/**
 * A member's peer: the ledger carried in an Automerge document and re-verified on every change,
 * the members-only policy (device certificates checked against the ledger), and the invitation
 * handshake. Composes the pure domain packages with automerge-repo and libp2p.
 * @packageDocumentation
 */
export {
  type LedgerDoc,
  type LedgerCarrier,
  type LedgerCarrierInit,
  type CarrierRejection,
  type RejectedItem,
  MAX_ENTRY_TEXT,
  createLedgerCarrier,
} from './ledger-carrier.js';
export {
  type MembershipGate,
  type MembershipGateInit,
  type PeerStanding,
  createMembershipGate,
} from './membership-gate.js';
export {
  JOIN_PROTOCOL,
  MAX_JOIN_FRAME,
  type JoinAnswer,
  type JoinRefusal,
  type JoinHandlerInit,
  handleJoinRequests,
  requestJoin,
} from './join-protocol.js';
export {
  type RootDoc,
  type CooperativePeer,
  type CooperativePeerBase,
  type CooperativePeerInit,
  type FoundCooperativeInit,
  type JoinCooperativeInit,
  openCooperativePeer,
  foundCooperative,
  joinCooperative,
} from './cooperative-peer.js';
