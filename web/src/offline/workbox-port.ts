import { Workbox } from 'workbox-window';
import type { ServiceWorkerPort } from './service-worker-port.js';

/**
 * The {@link ServiceWorkerPort} of a real page, over workbox-window (the registration helper that
 * goes with the Workbox worker vite-plugin-pwa generates). `scriptUrl` is the worker's absolute
 * URL; its scope is the directory it is in, so the app works from any path.
 */
export function createWorkboxPort(
  scriptUrl: string,
  container: ServiceWorkerContainer,
): ServiceWorkerPort {
  const workbox = new Workbox(scriptUrl);
  return {
    async register() {
      // After the page's `load` (Workbox's default): on a first visit the precache downloads the
      // whole shell again, which must not compete with the page's own loading.
      const registration = await workbox.register();
      if (registration === undefined) throw new Error('the service worker was not registered');
      return { active: registration.active !== null };
    },
    async ready() {
      await container.ready;
    },
    onUpdateWaiting(listener) {
      // Also fired when a worker was already waiting before this page registered, or when one
      // installed from another tab (`isExternal`): a newer version either way.
      workbox.addEventListener('waiting', () => listener());
    },
    onControllerChange(listener) {
      // The first install claims an uncontrolled page (`clientsClaim`): that is no update.
      let controlled = container.controller !== null;
      container.addEventListener('controllerchange', () => {
        if (controlled) listener();
        controlled = container.controller !== null;
      });
    },
    onInstallFailed(listener) {
      workbox.addEventListener('redundant', (event) => {
        if (!event.isUpdate) listener();
      });
    },
    activateUpdate() {
      workbox.messageSkipWaiting();
    },
  };
}
