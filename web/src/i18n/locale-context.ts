import { createContext } from '@lit/context';
import type { Translator } from './translator.js';

/**
 * The current translator, provided by `<coop-app>`. The value is replaced (never mutated) when
 * the member switches language, so subscribed consumers re-render.
 */
export const translatorContext = createContext<Translator>(Symbol('integrale-translator'));
