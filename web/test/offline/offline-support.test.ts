import { describe, expect, it } from 'vitest';
import type { ContextFacts } from '../../src/offline/context-facts.js';
import {
  createOfflineSupport,
  type OfflineStatus,
  type OfflineSupport,
} from '../../src/offline/offline-support.js';
import type { ServiceWorkerPort } from '../../src/offline/service-worker-port.js';

const SECURE: ContextFacts = { secureContext: true, serviceWorkerApi: true, built: true };
const LAN_HTTP: ContextFacts = { secureContext: false, serviceWorkerApi: false, built: true };

/** A service worker machinery driven by the test: it says what the browser would. */
function fakePort(registration: 'active' | 'first-install' | 'fails') {
  const listeners = {
    waiting: [] as (() => void)[],
    controller: [] as (() => void)[],
    failed: [] as (() => void)[],
  };
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  const calls = { register: 0, activateUpdate: 0 };
  const port: ServiceWorkerPort = {
    async register() {
      calls.register += 1;
      if (registration === 'fails') throw new Error('SecurityError');
      return { active: registration === 'active' };
    },
    ready: () => ready,
    onUpdateWaiting: (listener) => void listeners.waiting.push(listener),
    onControllerChange: (listener) => void listeners.controller.push(listener),
    onInstallFailed: (listener) => void listeners.failed.push(listener),
    activateUpdate: () => void (calls.activateUpdate += 1),
  };
  return {
    port,
    calls,
    activated: resolveReady,
    updateWaiting: () => listeners.waiting.forEach((listener) => listener()),
    newController: () => listeners.controller.forEach((listener) => listener()),
    installFailed: () => listeners.failed.forEach((listener) => listener()),
  };
}

function setUp(facts: ContextFacts, registration: 'active' | 'first-install' | 'fails') {
  const fake = fakePort(registration);
  const seen: OfflineStatus[] = [];
  const reloads: number[] = [];
  const logged: string[] = [];
  let opened = 0;
  const offline: OfflineSupport = createOfflineSupport({
    facts,
    openPort: () => {
      opened += 1;
      return fake.port;
    },
    reload: () => reloads.push(1),
    log: (message) => logged.push(message),
  });
  offline.subscribe((status) => seen.push(status));
  return { offline, fake, seen, reloads, logged, opened: () => opened };
}

/** Lets pending promise callbacks run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createOfflineSupport', () => {
  it('is installing on a first visit, then installed once the worker is active', async () => {
    const { offline, fake, seen } = setUp(SECURE, 'first-install');
    expect(offline.status()).toStrictEqual({ state: 'installing', updateAvailable: false });
    await offline.start();
    expect(offline.status().state).toBe('installing');
    fake.activated();
    await settle();
    expect(offline.status()).toStrictEqual({ state: 'installed', updateAvailable: false });
    expect(seen.map((s) => s.state)).toStrictEqual(['installed']);
  });

  it('is installed at once on a return visit', async () => {
    const { offline } = setUp(SECURE, 'active');
    await offline.start();
    expect(offline.status()).toStrictEqual({ state: 'installed', updateAvailable: false });
  });

  it('never opens the service worker machinery on a plain-HTTP LAN page', async () => {
    const { offline, opened, fake } = setUp(LAN_HTTP, 'active');
    expect(offline.status().state).toBe('unsupported-insecure');
    await offline.start();
    expect(opened()).toBe(0);
    expect(fake.calls.register).toBe(0);
    expect(offline.status()).toStrictEqual({
      state: 'unsupported-insecure',
      updateAvailable: false,
    });
  });

  it('says the browser is the reason on a secure page without the API', async () => {
    const { offline, opened } = setUp({ ...SECURE, serviceWorkerApi: false }, 'active');
    await offline.start();
    expect(opened()).toBe(0);
    expect(offline.status().state).toBe('unsupported-browser');
  });

  it('registers once however often it is started', async () => {
    const { offline, fake } = setUp(SECURE, 'active');
    await Promise.all([offline.start(), offline.start()]);
    await offline.start();
    expect(fake.calls.register).toBe(1);
  });

  it('reports a failed registration instead of installing forever, and logs it', async () => {
    const { offline, logged } = setUp(SECURE, 'fails');
    await offline.start();
    expect(offline.status().state).toBe('failed');
    expect(logged).toStrictEqual(['service worker registration failed']);
  });

  it('reports a first install whose precache failed', async () => {
    const { offline, fake } = setUp(SECURE, 'first-install');
    await offline.start();
    fake.installFailed();
    expect(offline.status().state).toBe('failed');
  });

  it('keeps the installed version when an update fails to install', async () => {
    const { offline, fake } = setUp(SECURE, 'active');
    await offline.start();
    fake.installFailed();
    expect(offline.status()).toStrictEqual({ state: 'installed', updateAvailable: false });
  });

  it('offers a waiting update and reloads only once the new version controls the page', async () => {
    const { offline, fake, reloads } = setUp(SECURE, 'active');
    await offline.start();
    fake.updateWaiting();
    expect(offline.status()).toStrictEqual({ state: 'installed', updateAvailable: true });
    expect(reloads).toStrictEqual([]);
    offline.applyUpdate();
    expect(fake.calls.activateUpdate).toBe(1);
    expect(reloads).toStrictEqual([]);
    fake.newController();
    expect(reloads).toStrictEqual([1]);
  });

  it('never reloads by itself when another tab brought the new version', async () => {
    const { offline, fake, reloads } = setUp(SECURE, 'active');
    await offline.start();
    fake.newController();
    expect(reloads).toStrictEqual([]);
    expect(offline.status().updateAvailable).toBe(true);
    // The new worker already serves this page: the member's reload is all it takes.
    offline.applyUpdate();
    expect(fake.calls.activateUpdate).toBe(0);
    expect(reloads).toStrictEqual([1]);
  });

  it('ignores a reload request while no update is available', async () => {
    const { offline, fake, reloads } = setUp(SECURE, 'active');
    await offline.start();
    offline.applyUpdate();
    expect(fake.calls.activateUpdate).toBe(0);
    expect(reloads).toStrictEqual([]);
  });

  it('tells subscribers each change once, and nothing after they unsubscribe', async () => {
    const { offline, fake } = setUp(SECURE, 'active');
    const seen: OfflineStatus[] = [];
    const unsubscribe = offline.subscribe((status) => seen.push(status));
    await offline.start();
    fake.updateWaiting();
    fake.updateWaiting();
    unsubscribe();
    fake.newController();
    expect(seen).toStrictEqual([
      { state: 'installed', updateAvailable: false },
      { state: 'installed', updateAvailable: true },
    ]);
  });
});
