import type { ProjectsRuntime } from '../../src/app/runtime-projects.js';

/**
 * The projects part of the in-memory stand-in (unit tests of other screens): nothing listed, and
 * every action answered `not-ready`. Projects run over real documents and keys in
 * packages/peer/test/projects.test.ts and tests/browser/projects.test.ts.
 */
export function createInMemoryProjects(): ProjectsRuntime {
  const notReady = () => Promise.resolve({ ok: false as const, reason: 'not-ready' as const });
  return {
    projectsSnapshot: () => ({ projects: [], listings: [], scopes: [] }),
    offerPayments: () => [],
    createProject: notReady,
    editProject: notReady,
    offerHelp: notReady,
    answerHelp: notReady,
    addListing: notReady,
    closeListing: notReady,
  };
}
