import type { AssembliesProblem } from '../app/runtime-assemblies.js';

/** The message key (no parameters) saying why an assemblies operation could not be done. */
export function assembliesProblemKey(
  reason: AssembliesProblem,
): `assemblies.problem.${AssembliesProblem}` {
  return `assemblies.problem.${reason}`;
}
