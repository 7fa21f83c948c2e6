import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { runtimeContext } from './runtime-context.js';
import { EMPTY_SNAPSHOT, type AppRuntime, type RuntimeSnapshot } from './runtime.js';

/**
 * Gives an element the runtime and its current snapshot, and re-renders the element when either
 * changes: a new runtime provided, or a change the runtime announces.
 */
export class RuntimeController implements ReactiveController {
  private readonly host: ReactiveControllerHost & HTMLElement;
  private readonly consumer: ContextConsumer<
    typeof runtimeContext,
    ReactiveControllerHost & HTMLElement
  >;
  private subscribed: AppRuntime | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.host = host;
    this.consumer = new ContextConsumer(host, {
      context: runtimeContext,
      subscribe: true,
      callback: (runtime) => this.follow(runtime),
    });
    host.addController(this);
  }

  /** The runtime, or `undefined` while none is plugged in. */
  get runtime(): AppRuntime | undefined {
    return this.consumer.value;
  }

  /** The current snapshot ({@link EMPTY_SNAPSHOT} without a runtime). */
  get snapshot(): RuntimeSnapshot {
    return this.consumer.value?.snapshot() ?? EMPTY_SNAPSHOT;
  }

  hostConnected(): void {
    this.follow(this.consumer.value);
  }

  hostDisconnected(): void {
    this.follow(undefined);
  }

  private follow(runtime: AppRuntime | undefined): void {
    if (runtime === this.subscribed) return;
    this.unsubscribe?.();
    this.subscribed = runtime;
    this.unsubscribe = runtime?.subscribe(() => this.host.requestUpdate());
  }
}
