import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The app imports the domain packages by name; point those names at their sources (as the root
// vitest config does) so a dev server or a build never picks up a stale `dist/`.
const alias = [
  {
    find: /^@integrale\/(identity|ledger)$/,
    replacement: fileURLToPath(new URL('../packages/$1/src/index.ts', import.meta.url)),
  },
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
