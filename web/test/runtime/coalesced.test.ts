import { describe, expect, it } from 'vitest';
import { coalesced } from '../../src/runtime/coalesced.js';

describe('coalesced readings', () => {
  it('runs once more after a burst of requests, never twice at once', async () => {
    let runs = 0;
    let running = 0;
    let most = 0;
    let release: () => void = () => undefined;
    const read = coalesced(async () => {
      runs++;
      running++;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => (release = resolve));
      running--;
    });
    const first = read();
    await Promise.resolve();
    const burst = [read(), read(), read(), read()];
    release();
    await first;
    await new Promise((resolve) => setTimeout(resolve, 0));
    release();
    await Promise.all(burst);
    expect(runs).toBe(2);
    expect(most).toBe(1);
  });

  it('runs again for a request that comes after the last reading ended', async () => {
    let runs = 0;
    const read = coalesced(async () => {
      runs++;
    });
    await read();
    await read();
    expect(runs).toBe(2);
  });
});
