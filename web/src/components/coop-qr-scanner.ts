import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { screenStyles } from '../app/screen-styles.js';
import { LocaleController } from '../i18n/locale-controller.js';
import { createQrReader, scaledSize, type QrReader } from '../scan/decode-frame.js';

/** Time between two reads of the camera's image, ms. */
const READ_INTERVAL_MS = 150;

/** Why the camera is not showing. */
type CameraProblem = 'unavailable' | 'refused' | 'no-camera' | 'failed';

/** What {@link CoopQrScanner} dispatches when it read a code. */
export interface QrScannedDetail {
  /** The code's text, as read: untrusted, for the screen to classify (src/scan/). */
  readonly text: string;
}

/** The page's camera access, absent outside secure contexts (a plain-HTTP LAN page). */
function mediaDevicesOf(scope: object): MediaDevices | undefined {
  const devices = (scope as { navigator?: { mediaDevices?: MediaDevices } }).navigator
    ?.mediaDevices;
  return typeof devices?.getUserMedia === 'function' ? devices : undefined;
}

function problemOf(error: unknown): CameraProblem {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'refused';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'no-camera';
  return 'failed';
}

/**
 * A button that opens the camera and reads a QR code. While open it shows the camera's image
 * and a close button (focused; Escape closes too). The camera is released as soon as a code is
 * read, the member closes it, or the element leaves the page. Where the page has no camera access
 * (not a secure context) or the camera is refused, the button is disabled with a sentence why.
 *
 * @fires qr-scanned - {@link QrScannedDetail}: a code was read (the camera is already closed).
 */
@customElement('coop-qr-scanner')
export class CoopQrScanner extends LitElement {
  static override styles = [
    screenStyles,
    css`
      .viewer {
        margin-block: 0.75rem;
      }
      video {
        display: block;
        inline-size: min(20rem, 100%);
        aspect-ratio: 1;
        object-fit: cover;
        background: #000;
        border-radius: 0.5rem;
      }
      .actions {
        margin: 0.5rem 0;
      }
    `,
  ];

  /** The button's text (what is scanned: « Scanner le code du relais »…). */
  @property() label = '';

  @state() private open = false;
  @state() private problem: CameraProblem | null = null;

  @query('video') private video!: HTMLVideoElement | null;
  @query('.close') private closeButton!: HTMLButtonElement | null;

  private readonly i18n = new LocaleController(this);
  private stream: MediaStream | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private canvas: HTMLCanvasElement | null = null;
  /** Bumped on every close: a camera that starts after its scanner closed is stopped at once. */
  private generation = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    if (mediaDevicesOf(globalThis) === undefined) this.problem = 'unavailable';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.close();
  }

  /** Whether the camera is on right now. */
  get cameraActive(): boolean {
    return this.stream?.getTracks().some((track) => track.readyState === 'live') ?? false;
  }

  /** Turns the camera off and hides the viewer. */
  close(): void {
    this.generation += 1;
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = null;
    if (this.video !== null) this.video.srcObject = null;
    this.open = false;
  }

  private async start(): Promise<void> {
    const devices = mediaDevicesOf(globalThis);
    if (devices === undefined) {
      this.problem = 'unavailable';
      return;
    }
    this.problem = null;
    this.open = true;
    const generation = ++this.generation;
    let stream: MediaStream;
    let reader: QrReader;
    try {
      [stream, reader] = await Promise.all([
        devices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }),
        createQrReader(globalThis),
      ]);
    } catch (error) {
      if (generation !== this.generation) return;
      this.open = false;
      this.problem = problemOf(error);
      return;
    }
    if (generation !== this.generation) {
      for (const track of stream.getTracks()) track.stop();
      return;
    }
    this.stream = stream;
    await this.updateComplete;
    const video = this.video;
    if (video === null) {
      this.close();
      return;
    }
    video.srcObject = stream;
    this.closeButton?.focus();
    try {
      await video.play();
    } catch {
      // Autoplay of a muted inline video is allowed; frames are read from it either way.
    }
    this.scheduleRead(reader, generation);
  }

  private scheduleRead(reader: QrReader, generation: number): void {
    this.timer = setTimeout(() => void this.read(reader, generation), READ_INTERVAL_MS);
  }

  private async read(reader: QrReader, generation: number): Promise<void> {
    const video = this.video;
    if (generation !== this.generation || video === null) return;
    const { width, height } = scaledSize(video.videoWidth, video.videoHeight);
    let text: string | null = null;
    if (width > 0 && height > 0) {
      this.canvas ??= document.createElement('canvas');
      this.canvas.width = width;
      this.canvas.height = height;
      this.canvas
        .getContext('2d', { willReadFrequently: true })
        ?.drawImage(video, 0, 0, width, height);
      text = await reader(this.canvas);
    }
    if (generation !== this.generation) return;
    if (text === null) {
      this.scheduleRead(reader, generation);
      return;
    }
    this.close();
    this.dispatchEvent(
      new CustomEvent<QrScannedDetail>('qr-scanned', {
        detail: { text },
        bubbles: true,
        composed: true,
      }),
    );
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    this.close();
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLButtonElement>('.open')?.focus(),
    );
  }

  private problemText(problem: CameraProblem): string {
    const { t } = this.i18n;
    switch (problem) {
      case 'unavailable':
        return t('scan.unavailable');
      case 'refused':
        return t('scan.refused');
      case 'no-camera':
        return t('scan.noCamera');
      case 'failed':
        return t('scan.failed');
    }
  }

  protected override render() {
    const { t } = this.i18n;
    // A refused or missing camera stays refused until the member changes something: say why,
    // and keep the button off. A camera that failed to start may be tried again.
    const blocked =
      this.problem === 'unavailable' || this.problem === 'refused' || this.problem === 'no-camera';
    return html`${
      this.open
        ? html`<div class="viewer" @keydown=${this.onKeyDown}>
            <p class="muted" role="status">${t('scan.aim')}</p>
            <video muted playsinline aria-label=${t('scan.video')}></video>
            <div class="actions">
              <button class="button close" type="button" @click=${() => this.close()}>
                ${t('scan.close')}
              </button>
            </div>
          </div>`
        : html`<button
            class="button open"
            type="button"
            ?disabled=${blocked}
            aria-describedby=${this.problem === null ? nothing : 'camera-problem'}
            @click=${() => void this.start()}
          >
            ${this.label}
          </button>`
    }
    ${
      this.problem === null
        ? nothing
        : html`<p class="muted" id="camera-problem" role="status">
            ${this.problemText(this.problem)}
          </p>`
    }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'coop-qr-scanner': CoopQrScanner;
  }
}
