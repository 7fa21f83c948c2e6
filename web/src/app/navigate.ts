import type { RouteId } from './routes.js';

/** What a screen asks for when it is done: go to another screen (the shell changes the address). */
export interface NavigateDetail {
  readonly route: RouteId;
}

/** A screen's request to go elsewhere; `<coop-app>` handles it. Bubbles out of shadow roots. */
export function navigateEvent(route: RouteId): CustomEvent<NavigateDetail> {
  return new CustomEvent<NavigateDetail>('coop-navigate', {
    detail: { route },
    bubbles: true,
    composed: true,
  });
}

declare global {
  interface HTMLElementEventMap {
    'coop-navigate': CustomEvent<NavigateDetail>;
  }
}
