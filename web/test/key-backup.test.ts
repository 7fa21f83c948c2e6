import fc from 'fast-check';
import { base64urlnopad } from '@scure/base';
import { describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_SCRYPT_PARAMS,
  KEY_BACKUP_FORMAT,
  MAX_BACKUP_TEXT_LENGTH,
  areScryptParamsAcceptable,
  exportKeyBackup,
  exportKeyBackupText,
  restoreKeyBackup,
  scryptKdf,
  type KeyBackupContents,
  type KeyBackupExportInit,
  type Kdf,
} from '../src/key-backup.js';

/** Cheap scrypt so the suite runs in moments; the format and code paths are the real ones. */
const FAST = { N: 16, r: 1, p: 1 };

/** Deterministic "randomness": a counter, so outputs are exact. */
function counterRandom(start = 1): (length: number) => Uint8Array {
  let next = start;
  return (length) => Uint8Array.from({ length }, () => next++ & 0xff);
}

const CONTENTS: KeyBackupContents = {
  memberSeed: Uint8Array.from({ length: 32 }, (_, i) => 255 - i),
  coop: 'b65b037e294862a361704ba6c47f4d4aa4f482af20afaa3c2ca3cb99aec9fb3c',
  rootDocUrl: 'automerge:4NMNnkMhL8jXrdJ9jamS58PAVdXu',
  name: 'Coopérative intégrale de Montreuil',
  relays: [
    '/ip4/192.168.1.20/tcp/4001/ws/p2p/12D3KooWQYhTNQdmr3ArTeUHRYzFg94BKyTkoWBDWez9kSCVe2Xo',
    '/dns4/relais.example.org/tcp/443/wss/p2p/12D3KooWRBy97UB99e3J6hiPesre1MZeuNQvfan4gBziswrRJsNK',
  ],
};
const PASSPHRASE = 'cheval correct pile agrafe';

const init = (overrides: Partial<KeyBackupExportInit> = {}): KeyBackupExportInit => ({
  randomBytes: counterRandom(),
  scryptParams: FAST,
  ...overrides,
});

async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

function expectNamed(error: Error, name: string, extra: Record<string, unknown> = {}): void {
  expect({
    name: error.name,
    ...Object.fromEntries(
      Object.keys(extra).map((k) => [k, (error as unknown as Record<string, unknown>)[k]]),
    ),
  }).toEqual({
    name,
    ...extra,
  });
}

describe('key backup file', () => {
  it('restores what it exported', async () => {
    const file = await exportKeyBackup(CONTENTS, PASSPHRASE, init());
    expect(await restoreKeyBackup(file, PASSPHRASE)).toEqual(CONTENTS);
  });

  it('is readable JSON saying what it is and how it was sealed', async () => {
    const file = JSON.parse(await exportKeyBackup(CONTENTS, PASSPHRASE, init())) as Record<
      string,
      unknown
    >;
    expect(file).toEqual({
      format: KEY_BACKUP_FORMAT,
      version: 2,
      kdf: { name: 'scrypt', N: 16, r: 1, p: 1 },
      cipher: 'xchacha20-poly1305',
      salt: base64urlnopad.encode(Uint8Array.from({ length: 16 }, (_, i) => i + 1)),
      nonce: base64urlnopad.encode(Uint8Array.from({ length: 24 }, (_, i) => i + 17)),
      ciphertext: expect.stringMatching(/^[A-Za-z0-9_-]+$/),
      checksum: expect.stringMatching(/^[A-Za-z0-9_-]{6}$/),
    });
    // Nothing of the contents is in clear.
    const text = JSON.stringify(file);
    expect(text).not.toContain(CONTENTS.coop);
    expect(text).not.toContain('automerge');
  });

  it('is the same for the same randomness, and different for other randomness', async () => {
    const a = await exportKeyBackup(CONTENTS, PASSPHRASE, init());
    expect(await exportKeyBackup(CONTENTS, PASSPHRASE, init())).toBe(a);
    expect(
      await exportKeyBackup(CONTENTS, PASSPHRASE, init({ randomBytes: counterRandom(9) })),
    ).not.toBe(a);
  });

  it('uses scrypt N = 2^15, r = 8, p = 1 unless told otherwise', async () => {
    expect(DEFAULT_SCRYPT_PARAMS).toEqual({ N: 32768, r: 8, p: 1 });
    const kdf = vi.fn<Kdf>(async () => new Uint8Array(32));
    await exportKeyBackup(CONTENTS, PASSPHRASE, { randomBytes: counterRandom(), kdf });
    expect(kdf.mock.calls[0]?.[2]).toEqual({ N: 32768, r: 8, p: 1 });
  });

  it('derives the key with real scrypt (RFC 7914 test vector)', async () => {
    const key = await scryptKdf(
      new TextEncoder().encode('password'),
      new TextEncoder().encode('NaCl'),
      { N: 1024, r: 8, p: 16 },
    );
    expect(Buffer.from(key).toString('hex')).toBe(
      'fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162',
    );
  });

  it('reports progress while deriving', async () => {
    const seen: number[] = [];
    const file = await exportKeyBackup(
      CONTENTS,
      PASSPHRASE,
      init({ scryptParams: { N: 1024, r: 8, p: 1 }, onProgress: (f) => seen.push(f) }),
    );
    expect(seen.at(-1)).toBe(1);
    expect(await restoreKeyBackup(file, PASSPHRASE)).toEqual(CONTENTS);
  });

  it('opens with the passphrase however its accents were typed', async () => {
    const composed = 'phrase secrète';
    const decomposed = 'phrase secre\u0300te';
    const file = await exportKeyBackup(CONTENTS, composed, init());
    expect(await restoreKeyBackup(file, decomposed)).toEqual(CONTENTS);
  });

  it('says the passphrase is wrong, and only that, when it is', async () => {
    const file = await exportKeyBackup(CONTENTS, PASSPHRASE, init());
    for (const wrong of [
      'cheval correct pile agrafe ',
      'Cheval correct pile agrafe',
      '',
      'x'.repeat(2000),
    ]) {
      expectNamed(await rejectionOf(restoreKeyBackup(file, wrong)), 'WrongPassphraseError');
    }
  });

  it('says a file of an unknown version is from another version', async () => {
    const file = JSON.parse(await exportKeyBackup(CONTENTS, PASSPHRASE, init())) as Record<
      string,
      unknown
    >;
    expectNamed(
      await rejectionOf(restoreKeyBackup(JSON.stringify({ ...file, version: 3 }), PASSPHRASE)),
      'UnsupportedBackupVersionError',
      { version: '3' },
    );
    expectNamed(
      await rejectionOf(
        restoreKeyBackup(JSON.stringify({ format: KEY_BACKUP_FORMAT, version: 7 }), PASSPHRASE),
      ),
      'UnsupportedBackupVersionError',
      { version: '7' },
    );
  });

  it('says a cut file is damaged', async () => {
    const file = await exportKeyBackup(CONTENTS, PASSPHRASE, init());
    for (let cut = 0; cut < file.length - 2; cut += 7) {
      const error = await rejectionOf(restoreKeyBackup(file.slice(0, cut), PASSPHRASE));
      expect(error.name).toBe('DamagedBackupError');
    }
  });

  it('says a file with a changed byte is damaged, not that the passphrase is wrong', async () => {
    const file = JSON.parse(await exportKeyBackup(CONTENTS, PASSPHRASE, init())) as Record<
      string,
      string
    >;
    for (const field of ['salt', 'nonce', 'ciphertext', 'checksum'] as const) {
      const bytes = base64urlnopad.decode(file[field] as string);
      for (let i = 0; i < bytes.length; i++) {
        const flipped = bytes.slice();
        flipped[i] = (flipped[i] as number) ^ (1 << (i % 8));
        const text = JSON.stringify({ ...file, [field]: base64urlnopad.encode(flipped) });
        expectNamed(await rejectionOf(restoreKeyBackup(text, PASSPHRASE)), 'DamagedBackupError', {
          reason: 'checksum',
        });
      }
    }
  });

  it('says a changed parameter is damage (the checksum covers the header)', async () => {
    const file = JSON.parse(await exportKeyBackup(CONTENTS, PASSPHRASE, init())) as Record<
      string,
      unknown
    >;
    const changed = JSON.stringify({ ...file, kdf: { name: 'scrypt', N: 32, r: 1, p: 1 } });
    expectNamed(await rejectionOf(restoreKeyBackup(changed, PASSPHRASE)), 'DamagedBackupError', {
      reason: 'checksum',
    });
  });

  it('refuses fields of the wrong type or size before deriving anything', async () => {
    const file = JSON.parse(await exportKeyBackup(CONTENTS, PASSPHRASE, init())) as Record<
      string,
      unknown
    >;
    const kdf = vi.fn<Kdf>(scryptKdf);
    const cases: [Record<string, unknown>, string][] = [
      [{ salt: 42 }, 'bad-field'],
      [{ salt: null }, 'bad-field'],
      [{ salt: `${file['salt'] as string}A` }, 'bad-field'],
      [{ salt: 'A'.repeat(100_000).slice(0, 10_000) }, 'bad-field'],
      [{ nonce: ['a'] }, 'bad-field'],
      [{ nonce: 'not base64!' }, 'bad-field'],
      [{ ciphertext: '' }, 'bad-field'],
      [{ ciphertext: 'A'.repeat(12_000) }, 'bad-field'],
      [{ checksum: undefined }, 'bad-field'],
      [{ version: '1' }, 'bad-field'],
      [{ version: 1.5 }, 'bad-field'],
      [{ format: 'something-else' }, 'not-a-backup'],
      [{ kdf: 'scrypt' }, 'kdf-params'],
      [{ kdf: { name: 'argon2id', N: 16, r: 1, p: 1 } }, 'kdf-params'],
      [{ cipher: 'aes-256-gcm' }, 'kdf-params'],
      [{ kdf: { name: 'scrypt', N: '16', r: 1, p: 1 } }, 'kdf-params'],
      [{ kdf: { name: 'scrypt', N: 2 ** 30, r: 8, p: 1 } }, 'kdf-params'],
      [{ kdf: { name: 'scrypt', N: 2 ** 20, r: 8, p: 1 } }, 'kdf-params'],
      [{ kdf: { name: 'scrypt', N: 2 ** 15, r: 16, p: 16 } }, 'kdf-params'],
      [{ kdf: { name: 'scrypt', N: 1000, r: 8, p: 1 } }, 'kdf-params'],
      [{ kdf: { name: 'scrypt', N: 16, r: 0, p: 1 } }, 'kdf-params'],
      [{ kdf: { name: 'scrypt', N: 16, r: 1, p: -1 } }, 'kdf-params'],
    ];
    for (const [change, reason] of cases) {
      const text = JSON.stringify({ ...file, ...change });
      const error = await rejectionOf(restoreKeyBackup(text, PASSPHRASE, { kdf }));
      expect({ change, name: error.name, reason: (error as { reason?: string }).reason }).toEqual({
        change,
        name: 'DamagedBackupError',
        reason,
      });
    }
    expect(kdf).not.toHaveBeenCalled();
  });

  it('refuses what is not a backup at all', async () => {
    const cases: [unknown, string][] = [
      ['', 'unreadable'],
      ['{', 'unreadable'],
      ['null', 'not-a-backup'],
      ['[]', 'not-a-backup'],
      ['"integrale-key-backup"', 'not-a-backup'],
      ['{"format":"integrale-key-backup"}', 'bad-field'],
      ['x'.repeat(MAX_BACKUP_TEXT_LENGTH + 1), 'too-large'],
      [
        `{"format":"integrale-key-backup","pad":"${'x'.repeat(MAX_BACKUP_TEXT_LENGTH)}"}`,
        'too-large',
      ],
      [new Uint8Array(10), 'unreadable'],
      ['IKB.abc', 'unreadable'],
    ];
    for (const [text, reason] of cases) {
      const error = await rejectionOf(restoreKeyBackup(text as string, PASSPHRASE));
      expect({ name: error.name, reason: (error as { reason?: string }).reason }).toEqual({
        name: 'DamagedBackupError',
        reason,
      });
    }
  });

  it('refuses to export what it could not restore', async () => {
    const cases: [Partial<KeyBackupContents>, string][] = [
      [{ memberSeed: new Uint8Array(31) }, PASSPHRASE],
      [{ coop: 'B65B' }, PASSPHRASE],
      [{ rootDocUrl: 'https://example.org/doc' }, PASSPHRASE],
      [{ rootDocUrl: `automerge:${'1'.repeat(100)}` }, PASSPHRASE],
      [{ name: 'x'.repeat(81) }, PASSPHRASE],
      [{ relays: ['https://relais.example.org'] }, PASSPHRASE],
      [{ relays: Array.from({ length: 5 }, () => CONTENTS.relays[0] as string) }, PASSPHRASE],
      [{}, ''],
      [{}, 'x'.repeat(1025)],
    ];
    for (const [change, passphrase] of cases) {
      const error = await rejectionOf(
        exportKeyBackup({ ...CONTENTS, ...change }, passphrase, init()),
      );
      expect(error.name).toBe('InvalidBackupInputError');
    }
    const tooCostly = await rejectionOf(
      exportKeyBackup(CONTENTS, PASSPHRASE, init({ scryptParams: { N: 2 ** 21, r: 8, p: 1 } })),
    );
    expect(tooCostly.name).toBe('InvalidBackupInputError');
    const badRandom = await rejectionOf(
      exportKeyBackup(CONTENTS, PASSPHRASE, init({ randomBytes: () => new Uint8Array(3) })),
    );
    expect(badRandom.name).toBe('InvalidBackupInputError');
  });
});

describe('key backup compact text', () => {
  it('restores what it exported, and fits a QR code', async () => {
    const text = await exportKeyBackupText(CONTENTS, PASSPHRASE, init());
    expect(text).toMatch(/^IKB2\.[A-Za-z0-9_-]+$/);
    // Version 10 of a QR code (57 modules) at level M holds 213 bytes; 40 holds 2331.
    expect(text.length).toBeLessThan(600);
    expect(await restoreKeyBackup(`  ${text}\n`, PASSPHRASE)).toEqual(CONTENTS);
  });

  it('says the passphrase is wrong when it is', async () => {
    const text = await exportKeyBackupText(CONTENTS, PASSPHRASE, init());
    expectNamed(await rejectionOf(restoreKeyBackup(text, 'autre chose')), 'WrongPassphraseError');
  });

  it('says any single changed bit is damage', async () => {
    const text = await exportKeyBackupText(CONTENTS, PASSPHRASE, init());
    const bytes = base64urlnopad.decode(text.slice(5));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: bytes.length * 8 - 1 }), async (bit) => {
        const flipped = bytes.slice();
        flipped[bit >> 3] = (flipped[bit >> 3] as number) ^ (1 << (bit & 7));
        const error = await rejectionOf(
          restoreKeyBackup(`IKB2.${base64urlnopad.encode(flipped)}`, PASSPHRASE),
        );
        expectNamed(error, 'DamagedBackupError', { reason: 'checksum' });
      }),
      { numRuns: 300 },
    );
  });

  it('says a cut or padded text is damaged', async () => {
    const text = await exportKeyBackupText(CONTENTS, PASSPHRASE, init());
    for (const damaged of [
      text.slice(0, -1),
      text.slice(0, 60),
      `${text}A`,
      `${text}=`,
      'IKB2.',
      text.replace('.', ''),
    ]) {
      expect((await rejectionOf(restoreKeyBackup(damaged, PASSPHRASE))).name).toBe(
        'DamagedBackupError',
      );
    }
  });

  it('says a text of another version is from another version', async () => {
    const text = await exportKeyBackupText(CONTENTS, PASSPHRASE, init());
    expectNamed(
      await rejectionOf(restoreKeyBackup(text.replace('IKB2.', 'IKB3.'), PASSPHRASE)),
      'UnsupportedBackupVersionError',
      {
        version: '3',
      },
    );
  });

  it('refuses hostile parameters behind a valid checksum without deriving', async () => {
    const text = await exportKeyBackupText(CONTENTS, PASSPHRASE, init());
    const bytes = base64urlnopad.decode(text.slice(5));
    const { sha256 } = await import('@noble/hashes/sha2.js');
    const kdf = vi.fn<Kdf>(scryptKdf);
    for (const [log2N, r, p] of [
      [30, 8, 1],
      [20, 8, 1],
      [0, 1, 1],
      [4, 0, 1],
      [4, 1, 0],
      [15, 255, 1],
    ] as const) {
      const forged = bytes.slice(0, -4);
      forged.set([2, log2N, r, p], 0);
      const withSum = new Uint8Array(forged.length + 4);
      withSum.set(forged);
      withSum.set(sha256(forged).slice(0, 4), forged.length);
      const error = await rejectionOf(
        restoreKeyBackup(`IKB2.${base64urlnopad.encode(withSum)}`, PASSPHRASE, { kdf }),
      );
      expectNamed(error, 'DamagedBackupError', { reason: 'kdf-params' });
    }
    expect(kdf).not.toHaveBeenCalled();
  });
});

describe('scrypt parameter bounds', () => {
  it('accept the default and cheap test settings, refuse costly or odd ones', () => {
    expect(areScryptParamsAcceptable(DEFAULT_SCRYPT_PARAMS)).toBe(true);
    expect(areScryptParamsAcceptable({ N: 2 ** 17, r: 8, p: 1 })).toBe(true);
    expect(areScryptParamsAcceptable(FAST)).toBe(true);
    expect(areScryptParamsAcceptable({ N: 2 ** 19, r: 8, p: 1 })).toBe(false);
    expect(areScryptParamsAcceptable({ N: 3, r: 1, p: 1 })).toBe(false);
    expect(areScryptParamsAcceptable({ N: 1, r: 1, p: 1 })).toBe(false);
    expect(areScryptParamsAcceptable({ N: 16, r: 1.5, p: 1 })).toBe(false);
    expect(areScryptParamsAcceptable({ N: Number.NaN, r: 1, p: 1 })).toBe(false);
  });
});
