import type { Choice, ProposalInput } from '../app/runtime-governance.js';

/*
 * The governance actions a follower tab hands to the leader tab (only the leader signs: two tabs
 * signing at once would fork the member's feed; see runtime/tab-channel.ts). The messages come
 * from the same origin but are still checked for shape here; the leader then checks them as it
 * checks its own member's actions, so a bad one gets a reason, never a signature.
 */

/** A governance action to sign in the leader tab. */
export type GovernanceCall =
  | { readonly kind: 'propose'; readonly input: ProposalInput }
  | {
      readonly kind: 'vote';
      readonly proposal: string;
      readonly choice: Choice;
      readonly reason: string;
    }
  | { readonly kind: 'proxy'; readonly assembly: string; readonly to: string | null }
  | { readonly kind: 'close'; readonly proposal: string; readonly withdraw: boolean };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether a message's `call` has the shape of a {@link GovernanceCall} (fields are re-checked). */
export function isGovernanceCall(value: unknown): value is GovernanceCall {
  if (!isRecord(value)) return false;
  switch (value['kind']) {
    case 'propose':
      return isRecord(value['input']);
    case 'vote':
      return (
        typeof value['proposal'] === 'string' &&
        typeof value['choice'] === 'string' &&
        typeof value['reason'] === 'string'
      );
    case 'proxy':
      return (
        typeof value['assembly'] === 'string' &&
        (value['to'] === null || typeof value['to'] === 'string')
      );
    case 'close':
      return typeof value['proposal'] === 'string' && typeof value['withdraw'] === 'boolean';
    default:
      return false;
  }
}
