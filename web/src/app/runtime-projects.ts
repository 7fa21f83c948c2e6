import type {
  HelpOfferView,
  ListingDraft,
  ListingProblem,
  ListingView,
  NeedKind,
  OfferPayment,
  ProjectProblem,
  ProjectStatus,
  ProjectView,
} from '@integrale/peer';

export type {
  HelpOfferView,
  ListingCategory,
  ListingDraft,
  ListingView,
  NeedKind,
  NeedView,
  OfferPayment,
  ProjectStatus,
  ProjectView,
} from '@integrale/peer';

/*
 * What the screens need for projects (mutual aid) and the offers-and-wants directory. Part of
 * `AppRuntime` (runtime.ts); kept here so this area's additions stay in one file.
 */

/** A scope where this member may start a project. */
export interface ProjectScope {
  /** `federation` or a circle's id. */
  readonly id: string;
  /** The circle's name ('' for the federation: the screens name it). */
  readonly name: string;
}

/** Everything the projects and market screens show. */
export interface ProjectsSnapshot {
  /** Verified projects of every scope, newest first. */
  readonly projects: readonly ProjectView[];
  /** Verified listings of members, newest first. */
  readonly listings: readonly ListingView[];
  /** The federation and the circles this member belongs to. */
  readonly scopes: readonly ProjectScope[];
}

/** A need as the form gives it. */
export interface NeedInput {
  readonly kind: NeedKind;
  readonly what: string;
  readonly quantity: number;
  readonly unit: string;
}

/** A new project as the form gives it. */
export interface ProjectInput {
  readonly scope: string;
  readonly title: string;
  readonly description: string;
  readonly needs: readonly NeedInput[];
}

/** A soft change of a project (ids of new tasks and needs are made by the runtime). */
export type ProjectEdit =
  | { readonly type: 'title'; readonly title: string }
  | { readonly type: 'description'; readonly text: string }
  | { readonly type: 'status'; readonly status: ProjectStatus }
  | { readonly type: 'account'; readonly account: string | null }
  | { readonly type: 'journal'; readonly text: string }
  | { readonly type: 'add-task'; readonly what: string; readonly who: string; readonly due: string }
  | { readonly type: 'task-done'; readonly task: string; readonly done: boolean }
  | { readonly type: 'add-need'; readonly need: NeedInput }
  | { readonly type: 'covered'; readonly need: string; readonly covered: number };

/** An offer of help as the one-tap button gives it. */
export interface HelpInput {
  readonly project: string;
  readonly need: string;
  readonly quantity: number;
  readonly note: string;
}

/** Why something could not be done (each has a sentence in the UI). */
export type ProjectsProblem =
  'not-ready' | 'not-member' | 'unknown-scope' | 'not-open' | ProjectProblem | ListingProblem;

/** The outcome of an action: the id of what was made or changed. */
export type ProjectsResult =
  | { readonly ok: true; readonly id: string }
  | { readonly ok: false; readonly reason: ProjectsProblem };

/** The runtime's part for this area. */
export interface ProjectsRuntime {
  /** Projects, listings and scopes. Cheap: cached per change. */
  projectsSnapshot(): ProjectsSnapshot;
  /** The valid payments carrying a listing's marker, oldest first. */
  offerPayments(listing: string): readonly OfferPayment[];
  /** Starts a project (its charter signed by this member, its steward). */
  createProject(input: ProjectInput): Promise<ProjectsResult>;
  /** Changes a project's soft data. */
  editProject(project: string, edit: ProjectEdit): Promise<ProjectsResult>;
  /** Signs this member's offer of help toward a need. */
  offerHelp(input: HelpInput): Promise<ProjectsResult>;
  /** Signs a steward's answer to an offer. */
  answerHelp(
    project: string,
    offer: string,
    answer: HelpOfferView['state'],
  ): Promise<ProjectsResult>;
  /** Signs and lists an offer or a want. */
  addListing(draft: ListingDraft): Promise<ProjectsResult>;
  /** Signs the close of one of this member's listings. */
  closeListing(id: string): Promise<ProjectsResult>;
}
