import { initializeWasm, isWasmInitialized } from '@automerge/automerge/slim';
import wasmUrl from '@automerge/automerge/automerge.wasm?url';

/**
 * Loads Automerge's wasm from the file Vite emitted next to the app (NETWORK-NOTES gotcha 8: the
 * `slim` entries plus a `?url` import need no bundler plugin). Must resolve before any document is
 * created or opened; a second call does nothing.
 */
export async function loadAutomerge(): Promise<void> {
  if (isWasmInitialized()) return;
  await initializeWasm(wasmUrl);
}
