import { ContextConsumer } from '@lit/context';
import type { ReactiveControllerHost } from 'lit';
import type { Locale, MessageKey, ParamsFor } from './catalog.js';
import { translatorContext } from './locale-context.js';
import { createTranslator, type Translator } from './translator.js';

/**
 * Gives an element the current language: `this.i18n.t('nav.home')`. Its reactive part is a
 * context consumer subscribed to the translator that `<coop-app>` provides, so the host
 * re-renders when the member switches language; an element used outside the app speaks French.
 */
export class LocaleController {
  private readonly consumer: ContextConsumer<
    typeof translatorContext,
    ReactiveControllerHost & HTMLElement
  >;
  private readonly fallback = createTranslator();

  constructor(host: ReactiveControllerHost & HTMLElement) {
    // The consumer asks for an update itself whenever the provided value changes.
    this.consumer = new ContextConsumer(host, { context: translatorContext, subscribe: true });
  }

  /** The translator in use. */
  get translator(): Translator {
    return this.consumer.value ?? this.fallback;
  }

  /** The current language. */
  get locale(): Locale {
    return this.translator.locale;
  }

  /**
   * The message under `key` in the current language (see {@link Translator.t}). An arrow, so it
   * can be taken apart: `const { t } = this.i18n`.
   */
  readonly t = <K extends MessageKey>(key: K, ...params: ParamsFor<K>): string =>
    this.translator.t(key, ...params);
}
