import { describe, expect, it } from 'vitest';
import { contextFactsOf, offlineDecision } from '../../src/offline/context-facts.js';

describe('offlineDecision', () => {
  it('registers the service worker in a built app on a secure page that has the API', () => {
    expect(offlineDecision({ secureContext: true, serviceWorkerApi: true, built: true })).toBe(
      'register',
    );
  });

  it('says a plain-HTTP LAN page needs HTTPS, even where the browser hides the API', () => {
    expect(offlineDecision({ secureContext: false, serviceWorkerApi: false, built: true })).toBe(
      'unsupported-insecure',
    );
    expect(offlineDecision({ secureContext: false, serviceWorkerApi: true, built: true })).toBe(
      'unsupported-insecure',
    );
  });

  it('blames the browser when a secure page has no service workers', () => {
    expect(offlineDecision({ secureContext: true, serviceWorkerApi: false, built: true })).toBe(
      'unsupported-browser',
    );
  });

  it('registers nothing from the dev server, whatever the page', () => {
    for (const secureContext of [true, false]) {
      for (const serviceWorkerApi of [true, false]) {
        expect(offlineDecision({ secureContext, serviceWorkerApi, built: false })).toBe('disabled');
      }
    }
  });
});

describe('contextFactsOf', () => {
  it('reads the secure context and the presence of navigator.serviceWorker', () => {
    expect(
      contextFactsOf({ isSecureContext: true, navigator: { serviceWorker: {} } }, true),
    ).toStrictEqual({ secureContext: true, serviceWorkerApi: true, built: true });
    expect(contextFactsOf({ isSecureContext: false, navigator: {} }, true)).toStrictEqual({
      secureContext: false,
      serviceWorkerApi: false,
      built: true,
    });
  });
});
