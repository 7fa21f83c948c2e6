/**
 * A one-way latch: not ready until `open()` or until an armed timer fires, then ready for good.
 *
 * The adapter opens it when the first peer's hello arrives (that peer is then known to the repo
 * and can answer requests) or after a timeout with no peer at all, so that a repo alone on the
 * network still gets to say "unavailable" instead of waiting forever.
 */
export class ReadyGate {
  #ready = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #opened: Promise<void>;
  #resolve!: () => void;

  constructor() {
    this.#opened = new Promise<void>((resolve) => {
      this.#resolve = resolve;
    });
  }

  /** Whether the latch is open. */
  isReady(): boolean {
    return this.#ready;
  }

  /** Resolves once the latch is open. */
  whenReady(): Promise<void> {
    return this.#opened;
  }

  /** Opens the latch by itself after `ms` unless it is opened first; later calls do nothing. */
  arm(ms: number): void {
    if (this.#ready || this.#timer !== undefined) return;
    this.#timer = setTimeout(() => this.open(), ms);
  }

  /** Opens the latch now. */
  open(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#ready) return;
    this.#ready = true;
    this.#resolve();
  }
}
