import { describe, expect, it } from 'vitest';
import type { AssemblyView } from '../../src/app/runtime-assemblies.js';
import { localDate, monthGrid, shiftMonth, splitByTime } from '../../src/assemblies/calendar.js';
import {
  agendaMinutes,
  clockText,
  currentTimeBox,
  meetingQuery,
  parseMeetingQuery,
} from '../../src/assemblies/meeting.js';
import { movedCaret, spliceBetween } from '../../src/assemblies/minutes-text.js';

function assembly(id: string, startsAt: string, extra: Partial<AssemblyView> = {}): AssemblyView {
  return {
    id,
    scope: 'federation',
    title: `Plénière ${id}`,
    startsAt,
    place: '',
    online: '',
    facilitator: '',
    agenda: [
      {
        id: 'a',
        title: 'Info',
        kind: 'information',
        minutes: 5,
        proposal: null,
        escalatedFrom: null,
        escalated: false,
      },
      {
        id: 'b',
        title: 'Budget',
        kind: 'decision',
        minutes: 20,
        proposal: null,
        escalatedFrom: null,
        escalated: false,
      },
    ],
    agendaApproved: null,
    currentItem: null,
    currentSince: null,
    speaking: null,
    speakingQueue: [],
    minutes: '',
    minutesRatified: null,
    actions: [],
    ...extra,
  };
}

describe('the minutes editor’s splices', () => {
  it('finds the one splice between two texts', () => {
    expect(spliceBetween('Présents : 3', 'Présents : 3.')).toStrictEqual({
      index: 12,
      remove: 0,
      insert: '.',
    });
    expect(spliceBetween('abcdef', 'abXYef')).toStrictEqual({ index: 2, remove: 2, insert: 'XY' });
    expect(spliceBetween('aaa', 'aa')).toStrictEqual({ index: 2, remove: 1, insert: '' });
    expect(spliceBetween('same', 'same')).toBeNull();
  });

  it('never splits a character outside the basic plane', () => {
    // Two emoji sharing their high surrogate.
    const splice = spliceBetween('a😀b', 'a😁b')!;
    expect(splice).toStrictEqual({ index: 1, remove: 2, insert: '😁' });
  });

  it('keeps the caret among the member’s own words when others type', () => {
    expect(movedCaret('Bonjour', 'Alice : Bonjour', 7)).toBe(15);
    expect(movedCaret('Bonjour', 'Bonjour tout le monde', 3)).toBe(3);
    expect(movedCaret('abcdef', 'aXf', 3)).toBe(1);
  });
});

describe('the calendar', () => {
  it('lays a month out in weeks starting on Monday, with each assembly on its local day', () => {
    // 1 December 2026 is a Tuesday; 23:30 UTC on the 5th is already the 6th in Paris.
    const late = assembly('late', '2026-12-05T23:30:00.000Z');
    const weeks = monthGrid({ year: 2026, month: 12 }, [late], 'Europe/Paris');
    expect(weeks[0]![0]).toMatchObject({ date: '2026-11-30', inMonth: false });
    expect(weeks[0]![1]).toMatchObject({ date: '2026-12-01', day: 1, inMonth: true });
    expect(weeks.every((week) => week.length === 7)).toBe(true);
    const days = weeks.flat();
    expect(days.find((day) => day.date === '2026-12-06')!.assemblies).toStrictEqual([late]);
    expect(days.find((day) => day.date === '2026-12-05')!.assemblies).toStrictEqual([]);
    expect(localDate(late.startsAt, 'UTC')).toBe('2026-12-05');
  });

  it('moves between months across years', () => {
    expect(shiftMonth({ year: 2026, month: 12 }, 1)).toStrictEqual({ year: 2027, month: 1 });
    expect(shiftMonth({ year: 2026, month: 1 }, -1)).toStrictEqual({ year: 2025, month: 12 });
  });

  it('splits assemblies to come from past ones', () => {
    const now = Date.parse('2026-12-05T15:00:00.000Z');
    const running = assembly('running', '2026-12-05T14:00:00.000Z');
    const soon = assembly('soon', '2026-12-12T14:00:00.000Z');
    const old = assembly('old', '2026-11-07T14:00:00.000Z');
    const older = assembly('older', '2026-10-07T14:00:00.000Z');
    const { upcoming, past } = splitByTime([soon, older, running, old], now);
    expect(upcoming.map((known) => known.id)).toStrictEqual(['running', 'soon']);
    expect(past.map((known) => known.id)).toStrictEqual(['old', 'older']);
  });
});

describe('the live meeting', () => {
  it('reads its address, refusing what is not one', () => {
    const query = meetingQuery({ scope: 'montreuil', assembly: '0a1b' });
    expect(parseMeetingQuery(query)).toStrictEqual({ scope: 'montreuil', assembly: '0a1b' });
    for (const bad of [
      '',
      'scope=montreuil',
      'scope=<b>&id=1',
      'scope=a&id=' + 'x'.repeat(65),
      '%%%',
    ]) {
      expect(parseMeetingQuery(bad)).toBeNull();
    }
  });

  it('counts the current item’s time box down, and past it', () => {
    const start = '2026-12-05T14:00:00.000Z';
    const running = assembly('x', start, { currentItem: 'a', currentSince: start });
    const at = (seconds: number) => Date.parse(start) + seconds * 1000;
    expect(currentTimeBox(running, at(61))).toMatchObject({ remainingSeconds: 239, over: false });
    expect(currentTimeBox(running, at(301))).toMatchObject({ remainingSeconds: -1, over: true });
    expect(currentTimeBox(assembly('y', start), at(0))).toBeNull();
    expect(clockText(239)).toBe('3:59');
    expect(clockText(-61)).toBe('-1:01');
    expect(agendaMinutes(running)).toBe(25);
  });
});
