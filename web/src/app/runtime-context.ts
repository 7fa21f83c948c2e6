import { createContext } from '@lit/context';
import type { AppRuntime } from './runtime.js';

/** The app's runtime, provided by `<coop-app>`; `undefined` until one is plugged in. */
export const runtimeContext = createContext<AppRuntime | undefined>(Symbol('integrale-runtime'));
