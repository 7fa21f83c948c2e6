import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The app imports the workspace packages by name; point those names at their sources (as the root
// vitest config does) so a dev server or a build never picks up a stale `dist/`.
//
// Automerge: the default entries load their wasm through an ESM wasm import, which Vite 8 does not
// bundle without a plugin (NETWORK-NOTES gotcha 8). Every import of automerge and automerge-repo,
// ours and the libraries', goes to the `slim` entries instead, and the runtime initialises the wasm
// itself from a `?url` import (src/runtime/automerge-wasm.ts) before any document is opened.
const alias = [
  {
    find: /^@integrale\/(identity|ledger|sync|peer)$/,
    replacement: fileURLToPath(new URL('../packages/$1/src/index.ts', import.meta.url)),
  },
  { find: /^@automerge\/automerge$/, replacement: '@automerge/automerge/slim' },
  { find: /^@automerge\/automerge-repo$/, replacement: '@automerge/automerge-repo/slim' },
];

export default defineConfig({
  // Relative asset URLs: the built app works from any path the relay (or a USB stick) serves it at.
  base: './',
  resolve: { alias },
  // Lit's decorators in their TypeScript ("experimental") form, as web/tsconfig.json declares.
  oxc: { decorator: { legacy: true } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  preview: { host: '127.0.0.1' },
  server: { host: '127.0.0.1' },
});
