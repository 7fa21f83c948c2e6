/**
 * The decision rules of assemblies (issue 5): decision methods and the tally of a vote, pure
 * functions of the sets of ballots and proxy records that the governance entries carry.
 */
export {
  DECISION_METHOD_KINDS,
  MAX_QUORUM,
  MAX_THRESHOLD_DENOMINATOR,
  TIMESTAMP_PATTERN,
  allowedChoices,
  isChoice,
  isTimestamp,
  validateClosingTime,
  validateMethod,
  validateQuorum,
  type DecisionMethod,
  type DecisionMethodKind,
  type RulesProblem,
} from './methods.js';
export {
  IGNORED_REASONS,
  tally,
  zeroCounts,
  type BallotConflict,
  type BallotFact,
  type Delegation,
  type IgnoredReason,
  type ProxyConflict,
  type ProxyFact,
  type Tally,
  type TallyInput,
  type TallyResult,
} from './tally.js';
