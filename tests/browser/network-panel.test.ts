import { generateKeyPair } from '@libp2p/crypto/keys';
import { peerIdFromPrivateKey } from '@libp2p/peer-id';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { encode } from 'uqr';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newMember, printLogsOnFailure, type Member } from './support/browser.js';
import { ensureBuilt } from './support/build.js';
import {
  didOf,
  found,
  invite,
  join,
  pay,
  peerIdOf,
  untilDirectWebRTC,
  untilMembers,
  untilValid,
} from './support/hook.js';
import { freePort, startRelay, type RelayProcess } from './support/relay.js';

/*
 * Issue item 7 (the network panel) and the camera part of item 3, in real Chromium: two members
 * on a relay, the panel of one showing the other's device as direct WebRTC, the relay reserved,
 * both documents « à jour » after a payment with a last-received time; relays added by typing
 * (hostile texts refused with their reason) and by scanning. The camera is Chromium's fake
 * capture device playing a Y4M file made here from a QR code (uqr), so the scanner reads real
 * frames from a real `getUserMedia` stream.
 */

/** A Y4M video (one I420 frame, looped by Chromium) of a QR code of `text`, dark on white. */
function qrVideo(text: string): Buffer {
  const width = 640;
  const height = 480;
  const { data, size } = encode(text, { border: 4 });
  const scale = Math.floor(460 / size);
  const left = Math.floor((width - size * scale) / 2);
  const top = Math.floor((height - size * scale) / 2);
  const luma = Buffer.alloc(width * height, 235);
  for (let y = 0; y < size * scale; y++) {
    for (let x = 0; x < size * scale; x++) {
      if (data[Math.floor(y / scale)]?.[Math.floor(x / scale)] === true) {
        luma[(top + y) * width + left + x] = 16;
      }
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\nFRAME\n`);
  return Buffer.concat([header, luma, chroma]);
}

/** Flags making Chromium's camera a file, with permission granted without asking. */
const cameraArgs = (file: string): string[] => [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  `--use-file-for-fake-video-capture=${file}`,
];

/** A relay address nobody listens on, with a real PeerId (the list shows it « connecting »). */
async function unreachableRelay(): Promise<string> {
  const id = peerIdFromPrivateKey(await generateKeyPair('Ed25519')).toString();
  return `/ip4/127.0.0.1/tcp/${await freePort()}/ws/p2p/${id}`;
}

/** Shows `screen` (a French route slug) in `page`. */
async function show(page: Page, slug: string): Promise<void> {
  await page.evaluate((hash) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = hash;
  }, `#/${slug}`);
}

let relay: RelayProcess;
let browser: Browser;
let cameraBrowser: Browser | undefined;
let workDir: string;
let scannedRelay: string;
let alice: Member;
let bob: Member;
let chloe: Member | undefined;
let dan: Member | undefined;
let erin: Member | undefined;
let bobPeer: string;

beforeAll(async () => {
  await ensureBuilt();
  relay = await startRelay();
  workDir = await mkdtemp(joinPath(tmpdir(), 'integrale-network-'));
  scannedRelay = await unreachableRelay();
  const video = joinPath(workDir, 'relay-qr.y4m');
  await writeFile(video, qrVideo(scannedRelay));
  browser = await launchChromium(cameraArgs(video));
}, 180_000);

afterEach(printLogsOnFailure(() => [alice, bob, chloe, dan, erin]));

afterAll(async () => {
  await cameraBrowser?.close();
  await browser?.close();
  await relay?.stop();
  if (workDir !== undefined) await rm(workDir, { recursive: true, force: true });
});

describe('the network panel', { timeout: 90_000 }, () => {
  it('shows the other member’s device as direct WebRTC, the relay, and both documents up to date', async () => {
    alice = await newMember(browser, 'Alice', relay.url());
    await found(alice, 'Coopérative du réseau');
    bob = await newMember(browser, 'Bob', relay.url());
    await join(bob, await invite(alice));
    await untilMembers(alice.page, 2);
    await untilMembers(bob.page, 2);
    bobPeer = await peerIdOf(bob);
    await untilDirectWebRTC(alice.page, bobPeer);
    const paid = await pay(alice, await didOf(bob), 1_250, 'Pain');
    await untilValid(bob.page, paid);

    await show(alice.page, 'reseau');
    const page = alice.page;
    const peer = page.locator(`coop-network-peers li[data-peer="${bobPeer}"]`);
    await expect.poll(() => peer.getAttribute('data-transport')).toBe('webrtc');
    await expect.poll(() => peer.textContent()).toContain('Appareil de Bob');
    expect(await peer.textContent()).toContain('Connexion directe (WebRTC)');

    const relayRow = page.locator(`coop-network-relays li[data-relay$="/p2p/${relay.peerId}"]`);
    await expect.poll(() => relayRow.getAttribute('data-state')).toBe('reserved');
    expect(await relayRow.textContent()).toContain('Connecté');

    for (const role of ['root', 'ledger']) {
      const document = page.locator(`coop-network-documents li[data-document="${role}"]`);
      const withBob = document.locator(`li[data-peer="${bobPeer}"]`);
      await expect.poll(() => withBob.getAttribute('data-state')).toBe('up-to-date');
      expect(await withBob.textContent()).toMatch(/Bob\s:\sà jour/);
      await expect
        .poll(() => document.locator('.last-received').textContent())
        .toMatch(/Dernière réception\s:\s(il y a \d+\ss|maintenant)/);
    }
    const names = await page
      .locator('coop-network-documents li[data-document] > h3')
      .allTextContents();
    // The root and the ledger first, then what the root names (the federation's assemblies).
    expect(names.slice(0, 2)).toEqual(['Fiche de la coopérative', 'Grand livre des comptes']);
    expect(names).toContain('Assemblées de la fédération');
  });

  it('refuses hostile relay addresses with their reason, and lists a good one', async () => {
    const page = alice.page;
    const input = page.locator('coop-add-relay input#relay');
    const submit = page.locator('coop-add-relay button[type="submit"]');
    const error = page.locator('coop-add-relay .error');
    const cases: [string, string][] = [
      ['n’importe quoi', 'Ce n’est pas une adresse de relais'],
      ['x'.repeat(10_000), 'trop long'],
      ['/ip4/192.168.1.10/tcp/4002/ws', 'Il manque l’identité du relais'],
      ['javascript:alert(1)', 'adresse web'],
      ['', 'Saisissez l’adresse du relais'],
    ];
    for (const [text, reason] of cases) {
      await input.fill(text);
      await submit.click();
      await expect.poll(() => error.textContent()).toContain(reason);
      expect(await input.getAttribute('aria-invalid')).toBe('true');
    }
    const before = await page.locator('coop-network-relays li').count();

    const typed = await unreachableRelay();
    await input.fill(typed);
    await submit.click();
    await expect.poll(() => page.locator('coop-add-relay .added').textContent()).toContain(typed);
    const row = page.locator(`coop-network-relays li[data-relay="${typed}"]`);
    await expect.poll(() => row.getAttribute('data-state')).toBe('connecting');
    expect(await page.locator('coop-network-relays li').count()).toBe(before + 1);
    expect(await error.count()).toBe(0);
  });

  it('adds a relay by scanning its QR code with the camera, and lets the camera go', async () => {
    const page = alice.page;
    await page.locator('coop-add-relay coop-qr-scanner button.open').click();
    const row = page.locator(`coop-network-relays li[data-relay="${scannedRelay}"]`);
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 30_000 }).toBe('connecting');
    expect(await page.locator('coop-add-relay .added').textContent()).toContain(scannedRelay);
    expect(await page.locator('coop-add-relay coop-qr-scanner video').count()).toBe(0);
    expect(
      await page
        .locator('coop-add-relay coop-qr-scanner')
        .evaluate((el) => (el as unknown as { cameraActive: boolean }).cameraActive),
    ).toBe(false);
  });

  it('stops the camera when the scanner is closed (Escape) or leaves the page', async () => {
    // A BarcodeDetector that never finds a code keeps the camera open as long as needed.
    const context = await browser.newContext();
    await context.addInitScript(() => {
      class BlindDetector {
        static getSupportedFormats(): Promise<string[]> {
          return Promise.resolve(['qr_code']);
        }
        detect(): Promise<never[]> {
          return Promise.resolve([]);
        }
      }
      (globalThis as unknown as { BarcodeDetector: unknown }).BarcodeDetector = BlindDetector;
    });
    const member: Member = { name: 'Chloé', context, page: await context.newPage(), log: [] };
    chloe = member;
    const page = member.page;
    await page.goto(`${relay.url()}#/rejoindre`);
    const scanner = page.locator('coop-join-screen coop-qr-scanner');
    const openCamera = async (): Promise<void> => {
      await scanner.locator('button.open').focus();
      await page.keyboard.press('Enter');
      await expect
        .poll(() =>
          scanner.locator('video').evaluate((video) => {
            type Stream = { getTracks(): { readyState: string }[] };
            const stream = (video as unknown as { srcObject: Stream | null }).srcObject;
            if (stream === null) return false;
            (globalThis as unknown as { seen: Stream }).seen = stream;
            return stream.getTracks().some((track) => track.readyState === 'live');
          }),
        )
        .toBe(true);
    };
    const tracksEnded = () =>
      page.evaluate(() =>
        (globalThis as unknown as { seen: { getTracks(): { readyState: string }[] } }).seen
          .getTracks()
          .every((track) => track.readyState === 'ended'),
      );

    await openCamera();
    expect(await tracksEnded()).toBe(false);
    // The close button has the focus: Escape closes, and the focus goes back to the scan button.
    await page.keyboard.press('Escape');
    await expect.poll(tracksEnded).toBe(true);
    await expect
      .poll(() => scanner.locator('button.open').evaluate((el) => el.matches(':focus')))
      .toBe(true);

    await openCamera();
    await show(page, 'reseau'); // the join screen, and its scanner, leave the page
    await expect.poll(tracksEnded).toBe(true);
  });

  it('disables the scan button with a reason where there is no camera, or it is refused', async () => {
    const context = await browser.newContext();
    const member: Member = { name: 'Chloé', context, page: await context.newPage(), log: [] };
    chloe = member;
    // A page without camera access (as a plain-HTTP LAN page has none): no mediaDevices.
    await context.addInitScript(() => {
      Object.defineProperty(
        (globalThis as unknown as { Navigator: { prototype: object } }).Navigator.prototype,
        'mediaDevices',
        { get: () => undefined },
      );
    });
    const page = member.page;
    await page.goto(`${relay.url()}#/rejoindre`);
    const scanner = page.locator('coop-join-screen coop-qr-scanner');
    await expect.poll(() => scanner.locator('button.open').isDisabled()).toBe(true);
    expect(await scanner.locator('#camera-problem').textContent()).toContain(
      'La caméra n’est pas utilisable ici',
    );

    // A camera the member refuses.
    const refusing = await browser.newContext();
    await refusing.addInitScript(() => {
      const devices = (
        globalThis as unknown as {
          navigator: { mediaDevices: { getUserMedia: () => Promise<never> } };
        }
      ).navigator.mediaDevices;
      devices.getUserMedia = () =>
        Promise.reject(Object.assign(new Error('refused'), { name: 'NotAllowedError' }));
    });
    const refused = await refusing.newPage();
    await refused.goto(`${relay.url()}#/rejoindre`);
    const refusedScanner = refused.locator('coop-join-screen coop-qr-scanner');
    await refusedScanner.locator('button.open').click();
    await expect
      .poll(() => refusedScanner.locator('#camera-problem').textContent())
      .toContain('L’accès à la caméra a été refusé');
    expect(await refusedScanner.locator('button.open').isDisabled()).toBe(true);
    await refusing.close();
    await context.close();
  });

  it('says a scanned relay address is not an invitation on the join screen', async () => {
    dan = await newMember(browser, 'Dan', `${relay.url()}#/rejoindre`);
    const page = dan.page;
    await page.locator('coop-join-screen coop-qr-scanner button.open').click();
    await expect
      .poll(() => page.locator('coop-join-screen .scan-error').textContent(), { timeout: 30_000 })
      .toContain('Ce code est l’adresse d’un relais, pas un lien d’invitation');
    expect(await page.locator('coop-join-screen textarea#link').inputValue()).toBe('');
  });

  it('fills the join screen’s link field from a scanned invitation', async () => {
    const link = await invite(alice);
    const video = joinPath(workDir, 'invitation-qr.y4m');
    await writeFile(video, qrVideo(link));
    cameraBrowser = await launchChromium(cameraArgs(video));
    erin = await newMember(cameraBrowser, 'Erin', `${relay.url()}#/rejoindre`);
    const page = erin.page;
    await page.locator('coop-join-screen coop-qr-scanner button.open').click();
    await expect
      .poll(() => page.locator('coop-join-screen textarea#link').inputValue(), { timeout: 30_000 })
      .toBe(link);
    expect(await page.locator('coop-join-screen .scan-error').count()).toBe(0);
  });
});
