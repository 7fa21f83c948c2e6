// Vite's `import.meta.env.PROD` (true in `vite build`), declared here as `vite/client` would,
// rather than pulling in its other ambient types.
interface ImportMetaEnv {
  readonly PROD: boolean;
}
interface ImportMeta {
  readonly env: ImportMetaEnv;
}
