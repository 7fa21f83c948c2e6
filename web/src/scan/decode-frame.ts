import jsQR from 'jsqr';

/*
 * Reading a QR code from camera frames. The browser's `BarcodeDetector` does it natively where it
 * exists (Chromium on Android, macOS); elsewhere jsQR reads the frame's pixels. Frames are drawn
 * at most {@link MAX_FRAME_SIDE} pixels on their longer side: a QR code held up to a phone stays
 * readable, and jsQR's cost grows with the pixel count.
 */

/** Longest side of a frame handed to the decoder, in pixels. */
export const MAX_FRAME_SIDE = 640;

/** RGBA pixels, as `ImageData` holds them. */
export interface Frame {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

/** The text of the QR code in `frame`, or `null` when none is readable. Never throws. */
export function decodeFrame(frame: Frame): string | null {
  const { data, width, height } = frame;
  if (
    !Number.isSafeInteger(width) ||
    !Number.isSafeInteger(height) ||
    width <= 0 ||
    height <= 0 ||
    data.length !== width * height * 4
  ) {
    return null;
  }
  try {
    // Both polarities: a relay's banner in a dark terminal shows light modules on dark.
    const code = jsQR(data, width, height, { inversionAttempts: 'attemptBoth' });
    return code === null || code.data === '' ? null : code.data;
  } catch {
    return null;
  }
}

/** The size to draw a `width`×`height` frame at, keeping its shape, at most `max` per side. */
export function scaledSize(
  width: number,
  height: number,
  max: number = MAX_FRAME_SIDE,
): { width: number; height: number } {
  if (width <= 0 || height <= 0) return { width: 0, height: 0 };
  const scale = Math.min(1, max / Math.max(width, height));
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

/** What the page offers for reading codes (BarcodeDetector is not in TypeScript's DOM types). */
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<readonly { rawValue: string }[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats?(): Promise<string[]>;
}

/** Reads a QR code from a canvas a frame was drawn on. */
export type QrReader = (canvas: HTMLCanvasElement) => Promise<string | null>;

/**
 * The best QR reader `scope` (the window) offers: its `BarcodeDetector` when that reads QR codes,
 * else jsQR on the canvas's pixels.
 */
export async function createQrReader(scope: object = globalThis): Promise<QrReader> {
  const Detector = (scope as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  const byPixels: QrReader = (canvas) => {
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (context === null || canvas.width === 0 || canvas.height === 0) return Promise.resolve(null);
    return Promise.resolve(decodeFrame(context.getImageData(0, 0, canvas.width, canvas.height)));
  };
  if (Detector === undefined) return byPixels;
  try {
    const formats = (await Detector.getSupportedFormats?.()) ?? ['qr_code'];
    if (!formats.includes('qr_code')) return byPixels;
    const detector = new Detector({ formats: ['qr_code'] });
    return async (canvas) => {
      try {
        const [code] = await detector.detect(canvas);
        return code === undefined || code.rawValue === '' ? null : code.rawValue;
      } catch {
        return byPixels(canvas);
      }
    };
  } catch {
    return byPixels;
  }
}
