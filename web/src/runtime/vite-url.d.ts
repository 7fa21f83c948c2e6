// Vite's `?url` imports (the file is emitted as an asset; the import is its URL). Declared here
// rather than through `vite/client`, whose ambient types the app does not otherwise need.
declare module '*?url' {
  const url: string;
  export default url;
}
