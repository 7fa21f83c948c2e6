import type { DocHandle } from '@automerge/automerge-repo';
import {
  checkDeviceCertificate,
  type DeviceCertificate,
  type SignatureVerifier,
} from '@integrale/identity';

/*
 * The devices in use: each device writes its device certificate into the root document's
 * `devices` map, keyed by its libp2p PeerId, when it opens the cooperative. A member sees there
 * which devices act for them (a phone, a laptop, a device restored from a backup).
 *
 * The root document is soft data anyone with access can write, so the map is untrusted input:
 * a record counts only if it is a certificate for this cooperative, for the device it is filed
 * under, and signed by the member it names. A forged, copied or malformed record is ignored, and
 * a device whose own record was spoiled writes its certificate again the next time it opens.
 */

/** What the root document holds under `devices`: device PeerId → certificate (untrusted). */
export type DeviceMap = Record<string, DeviceCertificate>;

/** A device whose certificate verified. */
export interface DeviceRecord {
  /** The device's libp2p PeerId. */
  readonly device: string;
  /** did:key of the member who certified it. */
  readonly member: string;
  /** When the member certified it (the device's clock, informative). */
  readonly since: string;
}

/** Most records looked at: a hostile map cannot make a device check signatures for ever. */
export const MAX_DEVICE_RECORDS = 512;

/** Options of {@link readDevices}. */
export interface ReadDevicesInit {
  readonly coop: string;
  readonly verifier: SignatureVerifier;
  /** Only this member's devices (default: everyone's). */
  readonly member?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A plain copy of a certificate-like record (Automerge gives proxies; only own strings count). */
function plain(value: unknown): Record<string, unknown> | null {
  if (!isRecord(value)) return null;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value).slice(0, 16)) {
    const field = value[key];
    copy[key] = typeof field === 'string' || typeof field === 'number' ? field : String(field);
  }
  return copy;
}

/**
 * The devices of `devices` (the root document's map, as found) whose certificates verify, sorted
 * by `since` then PeerId. Anything else is skipped: this never throws on what peers wrote.
 */
export async function readDevices(
  devices: unknown,
  init: ReadDevicesInit,
): Promise<DeviceRecord[]> {
  if (!isRecord(devices)) return [];
  const found: DeviceRecord[] = [];
  for (const device of Object.keys(devices).slice(0, MAX_DEVICE_RECORDS)) {
    const record = plain(devices[device]);
    if (record === null) continue;
    if (init.member !== undefined && record['member'] !== init.member) continue;
    const checked = await checkDeviceCertificate(
      record,
      { coop: init.coop, device },
      init.verifier,
    );
    if (!checked.ok) continue;
    found.push({ device, member: checked.member, since: record['ts'] as string });
  }
  return found.sort((a, b) =>
    a.since === b.since ? (a.device < b.device ? -1 : 1) : a.since < b.since ? -1 : 1,
  );
}

/** Options of {@link registerDevice}. */
export interface RegisterDeviceInit {
  readonly coop: string;
  readonly verifier: SignatureVerifier;
}

/**
 * Writes this device's certificate under its PeerId, unless a valid one for the same member is
 * there already (so `since` stays the first time this device was certified). Returns whether it
 * wrote. A record filed there by someone else (forged, for another member, malformed) is
 * replaced.
 */
export async function registerDevice(
  handle: DocHandle<{ devices?: DeviceMap }>,
  certificate: DeviceCertificate,
  init: RegisterDeviceInit,
): Promise<boolean> {
  const existing = plain(handle.doc()?.devices?.[certificate.device]);
  if (existing !== null && existing['member'] === certificate.member) {
    const checked = await checkDeviceCertificate(
      existing,
      { coop: init.coop, device: certificate.device },
      init.verifier,
    );
    if (checked.ok) return false;
  }
  handle.change((doc) => {
    // A map created here by two devices at once keeps only one of them: each device writes
    // again on its next opening. The founder creates the map with the root document.
    doc.devices ??= {};
    doc.devices[certificate.device] = { ...certificate };
  });
  return true;
}
