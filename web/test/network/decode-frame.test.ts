import { encode } from 'uqr';
import { describe, expect, it } from 'vitest';
import { decodeFrame, scaledSize, type Frame } from '../../src/scan/decode-frame.js';

/** A QR code of `text` as RGBA pixels, `scale` pixels a module, dark on light (or inverted). */
function qrFrame(text: string, scale = 4, inverted = false): Frame {
  const { data, size } = encode(text, { border: 4 });
  const width = size * scale;
  const pixels = new Uint8ClampedArray(width * width * 4);
  for (let y = 0; y < width; y++) {
    for (let x = 0; x < width; x++) {
      const dark = data[Math.floor(y / scale)]?.[Math.floor(x / scale)] === true;
      const value = dark !== inverted ? 0 : 255;
      pixels.set([value, value, value, 255], (y * width + x) * 4);
    }
  }
  return { data: pixels, width, height: width };
}

const RELAY =
  '/ip4/192.168.1.10/tcp/4002/ws/p2p/12D3KooWQYhTNQdmr3ArTeUHRYzFg94BKyTkoWBDWez9kSCVe2Xo';

describe('decodeFrame', () => {
  it('reads a relay address from a QR code, dark on light or light on dark', () => {
    expect(decodeFrame(qrFrame(RELAY))).toBe(RELAY);
    expect(decodeFrame(qrFrame(RELAY, 4, true))).toBe(RELAY);
  });

  it('reads nothing from a blank or noisy frame', () => {
    const blank = { data: new Uint8ClampedArray(64 * 64 * 4).fill(255), width: 64, height: 64 };
    expect(decodeFrame(blank)).toBeNull();
    const noise = new Uint8ClampedArray(64 * 64 * 4);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 256;
    expect(decodeFrame({ data: noise, width: 64, height: 64 })).toBeNull();
  });

  it('refuses frames whose sizes do not match their pixels', () => {
    const { data } = qrFrame(RELAY);
    expect(decodeFrame({ data, width: 10, height: 10 })).toBeNull();
    expect(decodeFrame({ data, width: 0, height: 0 })).toBeNull();
    expect(decodeFrame({ data, width: -1, height: -1 })).toBeNull();
    expect(decodeFrame({ data, width: Number.NaN, height: 3 })).toBeNull();
  });
});

describe('scaledSize', () => {
  it('keeps small frames and shrinks large ones to the longest side, keeping their shape', () => {
    expect(scaledSize(320, 240)).toEqual({ width: 320, height: 240 });
    expect(scaledSize(1920, 1080)).toEqual({ width: 640, height: 360 });
    expect(scaledSize(1080, 1920)).toEqual({ width: 360, height: 640 });
    expect(scaledSize(0, 100)).toEqual({ width: 0, height: 0 });
  });
});
