import type { InviteResult, NetworkFacts, PayRequest, PayResult } from '../app/runtime.js';
import type { GovernanceResult } from '../app/runtime-governance.js';
import { isGovernanceCall, type GovernanceCall } from '../governance/calls.js';
import type { AccountsResult } from '../app/runtime-accounts.js';
import { isAccountsCall, type AccountsCall } from './accounts-calls.js';
import type { EconomyResult } from '../app/runtime-services.js';
import { isEconomyCall, type EconomyCall } from './services.js';

/*
 * What the tabs of one profile say to each other besides documents (those go over automerge-repo's
 * BroadcastChannel adapter). Only the leader tab signs: a member's feed is a chain of seq numbers,
 * and two tabs signing at once would each build on the same head — a fork, provable against the
 * member. So a follower tab hands payments and invitations to the leader, which signs them in
 * order; and the leader tells the followers how the network is, since only it runs libp2p.
 *
 * Same origin, same code: the messages are trusted, but still checked for shape.
 */

/** What a follower asks of the leader. */
export type TabCall =
  | { readonly op: 'pay'; readonly request: PayRequest }
  | { readonly op: 'invite' }
  /** A proposal, ballot, proxy or outcome to sign (governance/calls.ts). */
  | { readonly op: 'governance'; readonly call: GovernanceCall }
  /** An action on collective accounts, spend requests or budgets (accounts-calls.ts). */
  | { readonly op: 'accounts'; readonly call: AccountsCall }
  /** Services, the fund's loans, grouped purchases (services.ts). */
  | { readonly op: 'economy'; readonly call: EconomyCall };

/** The answers, by call. */
export interface TabAnswers {
  pay: PayResult;
  invite: InviteResult;
  governance: GovernanceResult;
  accounts: AccountsResult;
  economy: EconomyResult;
}

type Message =
  | { readonly t: 'call'; readonly id: string; readonly call: TabCall }
  | { readonly t: 'reply'; readonly id: string; readonly value: unknown }
  | { readonly t: 'fail'; readonly id: string; readonly error: string }
  | { readonly t: 'network'; readonly facts: NetworkFacts }
  | { readonly t: 'network?' };

/** A call that no leader answered in time. */
export class TabCallTimeoutError extends Error {
  override name = 'TabCallTimeoutError';
}

/** The leader failed to carry out a call (its storage, say). */
export class TabCallFailedError extends Error {
  override name = 'TabCallFailedError';
}

/** The part of `BroadcastChannel` used here. */
export interface ChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  close(): void;
}

/** Options of {@link createTabChannel}. */
export interface TabChannelInit {
  readonly channel: ChannelLike;
  /** Makes call ids: random, unique among the profile's tabs. */
  readonly newId: () => string;
  /** How long a call waits for a leader, in ms. @default 30_000 */
  readonly callTimeoutMs?: number;
  /** How often an unanswered call is sent again (a leader may be starting). @default 1_000 */
  readonly resendMs?: number;
  /** The clock, in milliseconds. @default Date.now */
  readonly now?: () => number;
}

/** One tab's end of the channel. */
export interface TabChannel {
  /** Follower: asks the leader and waits for its answer, sending again until one answers. */
  call<C extends TabCall>(call: C): Promise<TabAnswers[C['op']]>;
  /** Leader: answers calls with `handler` (each call id once) until {@link unserve}. */
  serve(handler: (call: TabCall) => Promise<unknown>): void;
  unserve(): void;
  /** Leader: tells the followers how the network is. */
  publishNetwork(facts: NetworkFacts): void;
  /** Follower: asks the leader to publish the network now. */
  askNetwork(): void;
  /** Registers a listener for the leader's network reports; returns the function removing it. */
  onNetwork(listener: (facts: NetworkFacts) => void): () => void;
  /** Leader: registers a listener for followers asking for the network. */
  onNetworkAsked(listener: () => void): () => void;
  close(): void;
}

const MAX_REMEMBERED_CALLS = 256;

function isCall(value: unknown): value is TabCall {
  if (typeof value !== 'object' || value === null) return false;
  const { op, request } = value as Record<string, unknown>;
  if (op === 'invite') return true;
  if (op === 'governance') return isGovernanceCall((value as Record<string, unknown>)['call']);
  if (op === 'accounts') return isAccountsCall((value as Record<string, unknown>)['call']);
  if (op === 'economy') return isEconomyCall((value as Record<string, unknown>)['call']);
  if (op !== 'pay' || typeof request !== 'object' || request === null) return false;
  const { to, amount, memo } = request as Record<string, unknown>;
  return typeof to === 'string' && typeof amount === 'number' && typeof memo === 'string';
}

function isMessage(value: unknown): value is Message {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  switch (message['t']) {
    case 'call':
      return typeof message['id'] === 'string' && isCall(message['call']);
    case 'reply':
      return typeof message['id'] === 'string' && 'value' in message;
    case 'fail':
      return typeof message['id'] === 'string' && typeof message['error'] === 'string';
    case 'network':
      return typeof message['facts'] === 'object' && message['facts'] !== null;
    case 'network?':
      return true;
    default:
      return false;
  }
}

/** Creates this tab's end of the channel between the profile's tabs of one cooperative. */
export function createTabChannel(init: TabChannelInit): TabChannel {
  const { channel, newId } = init;
  const callTimeout = init.callTimeoutMs ?? 30_000;
  const resendEvery = init.resendMs ?? 1_000;
  const now = init.now ?? Date.now;
  const pending = new Map<
    string,
    { resolve: (value: unknown) => void; reject: (e: Error) => void }
  >();
  /** Calls this leader took, by id, so a resent call is answered, not carried out twice. */
  const answered = new Map<string, Promise<unknown>>();
  const networkListeners = new Set<(facts: NetworkFacts) => void>();
  const askListeners = new Set<() => void>();
  let handler: ((call: TabCall) => Promise<unknown>) | undefined;
  let closed = false;

  const post = (message: Message): void => {
    if (!closed) channel.postMessage(message);
  };

  function take(id: string, call: TabCall): void {
    if (handler === undefined) return; // not the leader: another tab answers
    let answer = answered.get(id);
    if (answer === undefined) {
      answer = handler(call);
      answered.set(id, answer);
      if (answered.size > MAX_REMEMBERED_CALLS) answered.delete(answered.keys().next().value!);
    }
    answer.then(
      (value) => post({ t: 'reply', id, value }),
      (error: unknown) =>
        post({ t: 'fail', id, error: String((error as Error)?.message ?? error) }),
    );
  }

  channel.addEventListener('message', ({ data }) => {
    if (closed || !isMessage(data)) return;
    switch (data.t) {
      case 'call':
        take(data.id, data.call);
        break;
      case 'reply':
        pending.get(data.id)?.resolve(data.value);
        break;
      case 'fail':
        pending.get(data.id)?.reject(new TabCallFailedError(data.error));
        break;
      case 'network':
        for (const listener of networkListeners) listener(data.facts);
        break;
      case 'network?':
        for (const listener of askListeners) listener();
        break;
    }
  });

  return {
    call<C extends TabCall>(call: C): Promise<TabAnswers[C['op']]> {
      const id = newId();
      return new Promise<TabAnswers[C['op']]>((resolve, reject) => {
        const started = now();
        let timer: ReturnType<typeof setTimeout> | undefined;
        const finish = (): void => {
          clearTimeout(timer);
          pending.delete(id);
        };
        pending.set(id, {
          resolve: (value) => {
            finish();
            resolve(value as TabAnswers[C['op']]);
          },
          reject: (error) => {
            finish();
            reject(error);
          },
        });
        const send = (): void => {
          if (now() - started > callTimeout) {
            finish();
            reject(new TabCallTimeoutError(`no leader tab answered ${call.op}`));
            return;
          }
          post({ t: 'call', id, call });
          timer = setTimeout(send, resendEvery);
        };
        send();
      });
    },
    serve(next) {
      handler = next;
    },
    unserve() {
      handler = undefined;
    },
    publishNetwork(facts) {
      post({ t: 'network', facts });
    },
    askNetwork() {
      post({ t: 'network?' });
    },
    onNetwork(listener) {
      networkListeners.add(listener);
      return () => networkListeners.delete(listener);
    },
    onNetworkAsked(listener) {
      askListeners.add(listener);
      return () => askListeners.delete(listener);
    },
    close() {
      closed = true;
      handler = undefined;
      for (const { reject } of [...pending.values()]) {
        reject(new TabCallTimeoutError('the tab channel closed'));
      }
      channel.close();
    },
  };
}
