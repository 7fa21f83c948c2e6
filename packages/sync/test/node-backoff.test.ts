import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from '../src/node/backoff.js';

/** A random source that plays back `draws`, then repeats the last one. */
function draws(...values: number[]): () => number {
  let index = 0;
  return () => values[Math.min(index++, values.length - 1)] ?? 0;
}

const schedule = (random: () => number, attempts: number, policy = {}): number[] =>
  Array.from({ length: attempts }, (_, attempt) => backoffDelay(attempt, random, policy));

describe('backoffDelay', () => {
  it('doubles from 0.5 s up to the 30 s cap with the largest draw', () => {
    expect(schedule(() => 1, 10)).toEqual([
      500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('waits half the base delay with the smallest draw (half jitter)', () => {
    expect(schedule(() => 0, 8)).toEqual([250, 500, 1000, 2000, 4000, 8000, 15_000, 15_000]);
  });

  it('spreads each delay between half and all of its base with the draws in between', () => {
    expect(schedule(draws(0.5, 0.25, 0.75, 0.1), 4)).toEqual([375, 625, 1750, 2200]);
  });

  it('never exceeds the cap, whatever the draw and however many attempts', () => {
    for (const draw of [0, 0.3, 0.999, 1]) {
      for (const attempt of [0, 5, 20, 1000]) {
        const delay = backoffDelay(attempt, () => draw);
        expect(delay).toBeLessThanOrEqual(DEFAULT_BACKOFF.maxDelayMs);
        expect(delay).toBeGreaterThanOrEqual(DEFAULT_BACKOFF.initialDelayMs / 2);
      }
    }
  });

  it('follows a custom policy: no jitter, factor 3, cap 10 s', () => {
    const policy = { initialDelayMs: 100, factor: 3, maxDelayMs: 10_000, jitter: 0 };
    expect(schedule(() => 0.9, 7, policy)).toEqual([100, 300, 900, 2700, 8100, 10_000, 10_000]);
  });

  it('lets full jitter reach zero', () => {
    expect(backoffDelay(3, () => 0, { jitter: 1 })).toBe(0);
    expect(backoffDelay(3, () => 0.5, { jitter: 1 })).toBe(2000);
  });

  it('keeps out-of-range draws and attempts within the schedule', () => {
    expect(backoffDelay(0, () => -3)).toBe(250);
    expect(backoffDelay(0, () => 7)).toBe(500);
    expect(backoffDelay(-2, () => 1)).toBe(500);
    expect(backoffDelay(1.7, () => 1)).toBe(1000);
  });
});
