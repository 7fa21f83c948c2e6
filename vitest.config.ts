import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests import sibling packages by name; point those names at their sources so a test run
// never depends on a stale `dist/`.
const alias = [
  {
    find: /^@integrale\/([a-z-]+)$/,
    replacement: fileURLToPath(new URL('./packages/$1/src/index.ts', import.meta.url)),
  },
];

export default defineConfig({
  resolve: { alias },
  test: {
    setupFiles: [fileURLToPath(new URL('./tests/setup/node-polyfills.ts', import.meta.url))],
    projects: [
      ...['identity', 'node-crypto', 'ledger', 'cli', 'sync'].map((name) => ({
        resolve: { alias },
        test: {
          name: `@integrale/${name}`,
          root: `packages/${name}`,
          include: ['test/**/*.test.ts'],
        },
      })),
      {
        resolve: { alias },
        test: { name: '@integrale/relay', root: 'relay', include: ['test/**/*.test.ts'] },
      },
      {
        resolve: { alias },
        test: {
          name: '@integrale/tests',
          root: 'tests',
          include: ['**/*.test.ts'],
          exclude: ['node_modules/**'],
        },
      },
    ],
  },
});
