import type { PaymentRequestView, RequestsRuntime } from '../../src/app/runtime-requests.js';
import type { LedgerEntryView, PayRequest, PayResult } from '../../src/app/runtime.js';
import type { Movement } from '../../src/ledger/statement.js';

/** Options of {@link createInMemoryRequests}. */
export interface InMemoryRequestsInit {
  readonly self: string;
  readonly isMember: (did: string) => boolean;
  readonly pay: (request: PayRequest) => Promise<PayResult>;
  /** The stand-in's pays, newest first. */
  readonly history: () => readonly LedgerEntryView[];
  readonly changed: () => void;
  /** Requests others sent this member, to start with. */
  readonly incoming?: readonly PaymentRequestView[];
}

/**
 * The requests part of the in-memory stand-in runtime (unit tests only): requests in an array,
 * approving pays through the stand-in, no signatures, no alerts.
 */
export function createInMemoryRequests(init: InMemoryRequestsInit): RequestsRuntime {
  let requests: PaymentRequestView[] = [...(init.incoming ?? [])];
  let made = 0;
  const update = (id: string, change: Partial<PaymentRequestView>) => {
    requests = requests.map((r) => (r.id === id ? { ...r, ...change } : r));
    init.changed();
  };
  return {
    paymentRequests: () => requests,
    requestPayment(input) {
      if (input.to === init.self) return Promise.resolve({ ok: false, reason: 'self-request' });
      if (!init.isMember(input.to)) return Promise.resolve({ ok: false, reason: 'unknown-member' });
      if (!Number.isSafeInteger(input.amount) || input.amount < 1 || input.amount > 1e12) {
        return Promise.resolve({ ok: false, reason: 'invalid-amount' });
      }
      made += 1;
      const id = `r${made}`.padStart(64, '0');
      const ts = new Date(Date.UTC(2026, 0, 2, 0, made)).toISOString();
      const view: PaymentRequestView = {
        id,
        from: init.self,
        to: input.to,
        amount: input.amount,
        memo: input.memo,
        ts,
        state: 'open',
        payEntry: null,
      };
      requests = [view, ...requests];
      init.changed();
      return Promise.resolve({ ok: true, id });
    },
    async approveRequest(id) {
      const request = requests.find((r) => r.id === id);
      if (request?.state !== 'open' || request.to !== init.self) {
        return { ok: false, reason: 'not-open' };
      }
      const result = await init.pay({
        to: request.from,
        amount: request.amount,
        memo: request.memo,
      });
      if (result.ok) update(id, { state: 'paid', payEntry: result.entry });
      return result;
    },
    declineRequest(id) {
      const request = requests.find((r) => r.id === id);
      if (request?.state !== 'open' || request.to !== init.self) {
        return Promise.resolve({ ok: false, reason: 'not-open' });
      }
      update(id, { state: 'declined' });
      return Promise.resolve({ ok: true, id });
    },
    movements: (): Movement[] =>
      init
        .history()
        .filter((entry) => entry.pay !== undefined && entry.author === init.self)
        .map((entry) => ({
          id: entry.id,
          ts: entry.ts,
          amount: -(entry.pay?.amount ?? 0),
          counterparty: entry.pay?.to ?? '',
          memo: entry.pay?.memo ?? '',
        })),
    ledgerAlerts: () => [],
    exportLedger: () => '',
  };
}
