import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { parseRoute, type Route } from './routes.js';

/**
 * Follows the location's fragment: `route` is the current screen, and the host re-renders when
 * the fragment changes (a link, the back button, a pasted invitation).
 */
export class HashRouterController implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private readonly onHashChange = () => {
    this.route = parseRoute(window.location.hash);
    this.host.requestUpdate();
  };

  /** The current route. */
  route: Route;

  constructor(host: ReactiveControllerHost) {
    this.host = host;
    this.route = parseRoute(typeof window === 'undefined' ? '' : window.location.hash);
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('hashchange', this.onHashChange);
    this.onHashChange();
  }

  hostDisconnected(): void {
    window.removeEventListener('hashchange', this.onHashChange);
  }
}
