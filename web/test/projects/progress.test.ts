import { describe, expect, it } from 'vitest';
import {
  filterByStatus,
  needProgress,
  projectProgress,
  readQuantity,
} from '../../src/projects/progress.js';

describe('project progress', () => {
  it('says how much of a need is covered', () => {
    expect(needProgress({ quantity: 5, covered: 3, offered: 1 })).toEqual({
      covered: 3,
      quantity: 5,
      missing: 2,
      percent: 60,
      complete: false,
    });
    expect(needProgress({ quantity: 3, covered: 3, offered: 0 }).complete).toBe(true);
  });

  it('clamps impossible numbers instead of showing NaN or more than 100 %', () => {
    expect(needProgress({ quantity: 3, covered: 30, offered: 0 })).toMatchObject({
      covered: 3,
      percent: 100,
    });
    expect(needProgress({ quantity: NaN, covered: 1, offered: 0 })).toMatchObject({
      quantity: 0,
      percent: 0,
      complete: false,
    });
    expect(needProgress({ quantity: 4, covered: -2, offered: 0 }).covered).toBe(0);
    expect(needProgress({ quantity: 4, covered: 1.5, offered: 0 }).covered).toBe(0);
  });

  it('sums the needs of a project', () => {
    expect(
      projectProgress([
        { quantity: 3, covered: 3, offered: 0 },
        { quantity: 5, covered: 9, offered: 0 },
      ]),
    ).toEqual({ covered: 8, quantity: 8 });
  });

  it('filters by status', () => {
    const projects = [{ status: 'idea' }, { status: 'finished' }, { status: 'active' }];
    expect(filterByStatus(projects, '').length).toBe(2);
    expect(filterByStatus(projects, 'all').length).toBe(3);
    expect(filterByStatus(projects, 'finished')).toEqual([{ status: 'finished' }]);
  });

  it('reads quantities from a form', () => {
    expect(readQuantity(' 3 ')).toBe(3);
    for (const bad of ['0', '-1', '1.5', '1e3', '', 'trois', '99999999999'])
      expect(readQuantity(bad)).toBeNull();
  });
});
