import type { AgendaItemView, AssemblyView } from '../app/runtime-assemblies.js';

/*
 * What the live meeting view computes: its address, the current item's time box, the agenda's
 * total. Pure, with the clock passed in.
 */

/** Which meeting an address names. */
export interface MeetingAddress {
  readonly scope: string;
  readonly assembly: string;
}

const ID = /^[0-9a-z-]{1,64}$/;

/** The meeting a route's query names (`scope=…&id=…`), or `null`. */
export function parseMeetingQuery(query: string): MeetingAddress | null {
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(query);
  } catch {
    return null;
  }
  const scope = params.get('scope') ?? '';
  const assembly = params.get('id') ?? '';
  return ID.test(scope) && ID.test(assembly) ? { scope, assembly } : null;
}

/** The query of a meeting's address. */
export function meetingQuery(address: MeetingAddress): string {
  return new URLSearchParams({ scope: address.scope, id: address.assembly }).toString();
}

/** The current item and its time box. */
export interface TimeBox {
  readonly item: AgendaItemView;
  /** Seconds left (negative once over time). */
  readonly remainingSeconds: number;
  readonly over: boolean;
}

/** The current item's time box at `now`, or `null` when no item is current. */
export function currentTimeBox(assembly: AssemblyView, now: number): TimeBox | null {
  const item = assembly.agenda.find((known) => known.id === assembly.currentItem);
  if (item === undefined) return null;
  const since = assembly.currentSince === null ? now : Date.parse(assembly.currentSince);
  const elapsed = Math.max(0, Math.floor((now - since) / 1000));
  const remainingSeconds = item.minutes * 60 - elapsed;
  return { item, remainingSeconds, over: remainingSeconds < 0 };
}

/** `m:ss` of a number of seconds (with `-` when over). */
export function clockText(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  const total = Math.abs(seconds);
  return `${sign}${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** The agenda's planned length in minutes. */
export function agendaMinutes(assembly: AssemblyView): number {
  return assembly.agenda.reduce((sum, item) => sum + item.minutes, 0);
}

/** The query of the proposals screen for a proposal id. */
export function proposalQuery(proposal: string): string {
  return new URLSearchParams({ id: proposal }).toString();
}
