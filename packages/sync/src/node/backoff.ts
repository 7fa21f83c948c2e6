/** How long to wait before each retry. Every field has a default; see {@link DEFAULT_BACKOFF}. */
export interface BackoffPolicy {
  /** Base delay of the first retry, in ms. @default 500 */
  readonly initialDelayMs?: number;
  /** Ceiling of the base delay, in ms: retries never wait longer than this. @default 30_000 */
  readonly maxDelayMs?: number;
  /** Growth of the base delay from one attempt to the next. @default 2 */
  readonly factor?: number;
  /**
   * Share of the base delay that is random, from 0 (none) to 1 (anything from 0 to the base).
   * With 0.5 a retry waits between half and all of its base delay, so peers that dropped together
   * (the relay restarted) do not all come back in the same instant. @default 0.5
   */
  readonly jitter?: number;
}

/** The defaults of {@link BackoffPolicy}. */
export const DEFAULT_BACKOFF: Required<BackoffPolicy> = {
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  factor: 2,
  jitter: 0.5,
};

/** A source of uniform numbers in [0, 1), such as `Math.random`; injected so tests are exact. */
export type RandomSource = () => number;

/**
 * The delay before retry number `attempt` (0 for the first retry): the base delay
 * `initialDelayMs × factor^attempt`, capped at `maxDelayMs`, of which the `jitter` share is scaled
 * by `random()`. Always within [base × (1 − jitter), base]; never above `maxDelayMs`.
 */
export function backoffDelay(
  attempt: number,
  random: RandomSource,
  policy: BackoffPolicy = {},
): number {
  const { initialDelayMs, maxDelayMs, factor, jitter } = { ...DEFAULT_BACKOFF, ...policy };
  const exponent = Math.max(0, Math.floor(attempt));
  const base = Math.min(maxDelayMs, initialDelayMs * factor ** exponent);
  const share = Math.min(1, Math.max(0, jitter));
  const draw = Math.min(1, Math.max(0, random()));
  return Math.round(base * (1 - share) + base * share * draw);
}
