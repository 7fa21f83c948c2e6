import { describe, expect, it } from 'vitest';
import {
  checkDeviceCertificate,
  createDeviceCertificate,
  createNobleBackend,
  createSignatureVerifier,
  keyPairFromSeed,
} from '../src/index.js';

const member = keyPairFromSeed(new Uint8Array(32).fill(7));
const other = keyPairFromSeed(new Uint8Array(32).fill(8));
const verifier = createSignatureVerifier(createNobleBackend());
const coop = 'a'.repeat(64);
const device = '12D3KooWQYhTNQdmr3ArTeUHRYzFg94BKyTkoWBDWez9kSCVe2Xo';
const expected = { coop, device };

describe('device certificates', () => {
  it('accepts a certificate signed by the member for this device and cooperative', async () => {
    const certificate = createDeviceCertificate(member, {
      coop,
      device,
      ts: '2026-11-26T10:00:00.000Z',
    });
    expect(await checkDeviceCertificate(certificate, expected, verifier)).toStrictEqual({
      ok: true,
      member: member.did,
    });
  });

  it('survives a round trip through JSON', async () => {
    const certificate = createDeviceCertificate(member, {
      coop,
      device,
      ts: '2026-11-26T10:00:00.000Z',
    });
    const copy: unknown = JSON.parse(JSON.stringify(certificate));
    expect(await checkDeviceCertificate(copy, expected, verifier)).toMatchObject({ ok: true });
  });

  it('refuses a certificate presented by another device', async () => {
    const certificate = createDeviceCertificate(member, {
      coop,
      device: device + 'x',
      ts: '2026-11-26T10:00:00.000Z',
    });
    expect(await checkDeviceCertificate(certificate, expected, verifier)).toStrictEqual({
      ok: false,
      problem: 'wrong-device',
    });
  });

  it('refuses a certificate for another cooperative', async () => {
    const certificate = createDeviceCertificate(member, {
      coop: 'b'.repeat(64),
      device,
      ts: '2026-11-26T10:00:00.000Z',
    });
    expect(await checkDeviceCertificate(certificate, expected, verifier)).toStrictEqual({
      ok: false,
      problem: 'wrong-coop',
    });
  });

  it('refuses a certificate whose member was swapped after signing', async () => {
    const certificate = {
      ...createDeviceCertificate(member, { coop, device, ts: '2026-11-26T10:00:00.000Z' }),
      member: other.did,
    };
    expect(await checkDeviceCertificate(certificate, expected, verifier)).toStrictEqual({
      ok: false,
      problem: 'bad-signature',
    });
  });

  const base = createDeviceCertificate(member, { coop, device, ts: '2026-11-26T10:00:00.000Z' });
  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'certificate'],
    ['an array', []],
    ['an empty object', {}],
    ['an extra field', { ...base, extra: 1 }],
    ['a missing field', { ...base, ts: undefined }],
    ['a bad member', { ...base, member: 'did:key:zzz' }],
    ['a bad signature text', { ...base, sig: 'not base64url' }],
    ['a huge device', { ...base, device: 'x'.repeat(10_000) }],
    ['a numeric ts', { ...base, ts: 5 }],
  ])('answers %s as malformed without throwing', async (_label, value) => {
    const result = await checkDeviceCertificate(value, expected, verifier);
    expect(result).toStrictEqual({ ok: false, problem: 'malformed' });
  });
});
