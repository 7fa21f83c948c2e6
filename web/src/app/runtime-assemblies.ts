import type {
  AgendaKind,
  AssemblyProblem,
  AssemblyView,
  CircleProblem,
  DraftView,
} from '@integrale/peer';

export type {
  AgendaItemView,
  AgendaKind,
  ActionView,
  AssemblyView,
  DraftView,
  EscalationSource,
} from '@integrale/peer';

/*
 * What the screens need for circles and assemblies (the collaborative side: dates, agendas,
 * speaking queue, minutes, actions, signed check-ins). Part of `AppRuntime` (runtime.ts); kept
 * here so this area's additions stay in one file. Proposals and votes are another area's.
 */

/** The federation's scope name (circles have their own ids). */
export const FEDERATION_SCOPE = 'federation';

/** A circle as the screens show it. */
export interface CircleSummary {
  readonly id: string;
  readonly name: string;
  /** did:keys of its members (valid members of the cooperative only), sorted. */
  readonly members: readonly string[];
  /** Whether this member belongs to it. */
  readonly joined: boolean;
}

/** Everything the assemblies list shows. */
export interface AssembliesSnapshot {
  /** Every circle of the cooperative, by name. */
  readonly circles: readonly CircleSummary[];
  /** Assemblies of the federation and of this member's circles, by start time. */
  readonly assemblies: readonly AssemblyView[];
  /** Items circles sent up to the federation, waiting for a federation agenda. */
  readonly drafts: readonly DraftView[];
  /** Scopes whose document has not reached this device yet. */
  readonly loading: readonly string[];
}

/** A live meeting as its screen shows it. */
export interface MeetingSnapshot {
  readonly assembly: AssemblyView;
  /** Members whose signed check-in verifies, sorted. */
  readonly present: readonly string[];
  /** Whether this member has checked in. */
  readonly checkedIn: boolean;
  /** The plenary of the same scope just before, whose minutes this one ratifies. */
  readonly previous: AssemblyView | null;
  /** Heads of the scope document the minutes were read at (edits are made there). */
  readonly heads: readonly string[];
  /** Whether this member belongs to the scope (every member does to the federation). */
  readonly inScope: boolean;
}

/** A new agenda item, as the form gives it. */
export interface AgendaItemDraft {
  readonly title: string;
  readonly kind: AgendaKind;
  /** Time box in minutes. */
  readonly minutes: number;
  /** A `gov/1` proposal id, when the item puts one to the vote. */
  readonly proposal?: string | null;
}

/** A new assembly, as the form gives it. */
export interface AssemblyDraft {
  /** `federation` or a circle's id. */
  readonly scope: string;
  readonly title: string;
  /** ISO date-time. */
  readonly startsAt: string;
  readonly place: string;
  readonly online: string;
  readonly agenda: readonly AgendaItemDraft[];
}

/** What can be done in a meeting. */
export type MeetingAction =
  | { readonly type: 'approve-agenda' }
  | { readonly type: 'next-item' }
  | { readonly type: 'set-item'; readonly item: string | null }
  | { readonly type: 'add-item'; readonly item: AgendaItemDraft }
  | { readonly type: 'move-item'; readonly item: string; readonly to: number }
  | { readonly type: 'remove-item'; readonly item: string }
  | { readonly type: 'request-floor' }
  | { readonly type: 'withdraw-floor' }
  | { readonly type: 'next-speaker' }
  | { readonly type: 'check-in' }
  | { readonly type: 'ratify-previous' }
  | {
      readonly type: 'add-action';
      readonly what: string;
      readonly who: string;
      readonly due: string;
    }
  | { readonly type: 'action-done'; readonly action: string; readonly done: boolean }
  | { readonly type: 'escalate'; readonly item: string }
  | { readonly type: 'place-draft'; readonly draft: string };

/** An edit of the minutes: a splice of the text read at `heads`. */
export interface MinutesSplice {
  readonly heads: readonly string[];
  readonly index: number;
  readonly remove: number;
  readonly insert: string;
}

/** Why something could not be done (each has a sentence in the UI). */
export type AssembliesProblem =
  'not-ready' | 'not-member' | 'unknown-scope' | 'no-previous' | AssemblyProblem | CircleProblem;

/** The outcome of an assemblies operation. */
export type AssembliesResult =
  | {
      readonly ok: true;
      /** The new circle's or assembly's id, when one was made. */ readonly id: string;
    }
  | { readonly ok: false; readonly reason: AssembliesProblem };

/** The outcome of a minutes edit. */
export type MinutesEditResult =
  | { readonly ok: true; readonly heads: readonly string[] }
  | { readonly ok: false; readonly reason: AssembliesProblem };

/** The runtime's part for circles and assemblies. */
export interface AssembliesRuntime {
  /** Circles, assemblies and drafts this device holds. Cheap: cached per change. */
  assembliesSnapshot(): AssembliesSnapshot;
  /** One assembly for the live meeting view, or `null` while its document is not here. */
  meeting(scope: string, assembly: string): MeetingSnapshot | null;
  createCircle(name: string): Promise<AssembliesResult>;
  joinCircle(circle: string): Promise<AssembliesResult>;
  leaveCircle(circle: string): Promise<AssembliesResult>;
  createAssembly(draft: AssemblyDraft): Promise<AssembliesResult>;
  meetingAction(scope: string, assembly: string, action: MeetingAction): Promise<AssembliesResult>;
  /**
   * Applies a splice to the minutes at once (typing must not wait); answers the heads of the text
   * with this edit, where the editor's next splice applies.
   */
  editMinutes(scope: string, assembly: string, edit: MinutesSplice): MinutesEditResult;
}
