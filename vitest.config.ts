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

// Node 20 lacks Promise.withResolvers, which libp2p calls: every project loads the polyfill.
const setupFiles = [fileURLToPath(new URL('./tests/setup/node-polyfills.ts', import.meta.url))];

const PACKAGES = ['identity', 'node-crypto', 'ledger', 'cli', 'sync', 'peer'];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      ...PACKAGES.map((name) => ({
        resolve: { alias },
        test: {
          name: `@integrale/${name}`,
          root: `packages/${name}`,
          include: ['test/**/*.test.ts'],
          setupFiles,
        },
      })),
      {
        resolve: { alias },
        test: {
          name: '@integrale/relay',
          root: 'relay',
          include: ['test/**/*.test.ts'],
          setupFiles,
        },
      },
      {
        resolve: { alias },
        test: { name: '@integrale/web', root: 'web', include: ['test/**/*.test.ts'], setupFiles },
      },
      {
        resolve: { alias },
        test: {
          name: '@integrale/tests',
          root: 'tests',
          include: ['**/*.test.ts'],
          exclude: ['node_modules/**'],
          setupFiles,
        },
      },
    ],
  },
});
