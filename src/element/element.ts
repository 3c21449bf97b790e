import type { FetchLike } from '../core/api/client.ts';
import type { Verdict } from '../core/api/verdict.ts';
import type { Messages } from '../core/i18n/translate.ts';
import type { RequirementOverrides } from '../core/rules/requirements.ts';
import type { CaptureMeta, SessionState, WidgetError } from '../core/session/types.ts';
import type { Layout } from '../react/props.ts';
import { isColorScheme, type OkayLiveTheme } from '../react/theme/theme.ts';
import { mount, type MountHandle, type MountOptions } from './mount.tsx';
import { ELEMENT_TAG } from './tag.ts';

export { ELEMENT_TAG };

/** DOM events of the element; all bubble and cross shadow boundaries. */
export interface OkayLiveEventMap {
  'okaylive-capture': CustomEvent<{ blob: Blob; meta: CaptureMeta }>;
  'okaylive-result': CustomEvent<Verdict>;
  'okaylive-error': CustomEvent<WidgetError>;
  'okaylive-cancel': CustomEvent<null>;
  'okaylive-statechange': CustomEvent<{ state: SessionState }>;
}

const STRING_ATTRIBUTES = {
  'api-base-url': 'apiBaseUrl',
  'journey-id': 'journeyId',
  locale: 'locale',
  'camera-device-id': 'cameraDeviceId',
  'assets-base-url': 'assetsBaseUrl',
  'worker-url': 'workerUrl',
} as const satisfies Record<string, keyof MountOptions>;

const OBSERVED = [
  ...Object.keys(STRING_ATTRIBUTES),
  'auto-submit',
  'auto-start',
  'auto-capture',
  'manual-capture-after-ms',
  'remember-camera',
  'hide-cancel',
  'show-figures',
  'theme',
  'layout',
  'credentials',
  'requirements',
  'handoff',
] as const;

const LAYOUTS: readonly string[] = ['auto', 'inline', 'fullscreen'] satisfies Layout[];
const CREDENTIALS: readonly string[] = ['omit', 'same-origin', 'include'] satisfies RequestCredentials[];
const HANDOFF: readonly string[] = ['offer', 'phone'] satisfies Array<NonNullable<MountOptions['handoff']>>;

/** A boolean attribute that defaults to on: present-and-"false" turns it off. */
function onUnlessFalse(value: string | null): boolean {
  return value === null || value.toLowerCase() !== 'false';
}

/**
 * `<okaylive-capture api-base-url journey-id locale ...>`: the widget for pages without React.
 * Objects go in as properties (headers, fetcher, messages, theme); results come out as
 * `okaylive-*` events. Event names are prefixed so that none collides with the DOM's own
 * `error` or `cancel`, which page-wide error trackers listen for.
 */
/**
 * Importable where there is no DOM (a server render, a Node test): the class then extends a
 * stand-in and is never defined as an element, since `defineOkayLiveElement` needs
 * `customElements`.
 */
const ElementBase: typeof HTMLElement =
  typeof HTMLElement === 'undefined' ? (class {} as typeof HTMLElement) : HTMLElement;

export class OkayLiveCaptureElement extends ElementBase {
  static get observedAttributes(): readonly string[] {
    return OBSERVED;
  }

  #headers: Record<string, string> | undefined;
  #fetcher: FetchLike | undefined;
  #messages: Partial<Messages> | undefined;
  #theme: OkayLiveTheme | undefined;
  #requirements: RequirementOverrides | undefined;
  #handle: MountHandle | null = null;
  #pendingUnmount = false;
  /** The desktop's language, carried in the phone link (read once: the widget clears the link's fragment). */
  #linkLocale: string | null | undefined;

  /** Sent with every API request (e.g. the host's CSRF token). */
  get headers(): Record<string, string> | undefined {
    return this.#headers;
  }

  set headers(value: Record<string, string> | undefined) {
    this.#headers = value;
    this.#refresh();
  }

  /** Replaces `fetch` for the API requests. */
  get fetcher(): FetchLike | undefined {
    return this.#fetcher;
  }

  set fetcher(value: FetchLike | undefined) {
    this.#fetcher = value;
    this.#refresh();
  }

  /** Overrides of any message of the chosen locale. */
  get messages(): Partial<Messages> | undefined {
    return this.#messages;
  }

  set messages(value: Partial<Messages> | undefined) {
    this.#messages = value;
    this.#refresh();
  }

  /**
   * Requirement overrides as an object; the `requirements` attribute takes the same as JSON
   * (the property wins when both are set).
   */
  get requirements(): RequirementOverrides | undefined {
    return this.#requirements;
  }

  set requirements(value: RequirementOverrides | undefined) {
    this.#requirements = value;
    this.#refresh();
  }

  /** Colours, radius and font; the `theme` attribute sets only the scheme. */
  get theme(): OkayLiveTheme | undefined {
    return this.#theme;
  }

  set theme(value: OkayLiveTheme | undefined) {
    this.#theme = value;
    this.#refresh();
  }

  connectedCallback(): void {
    this.#pendingUnmount = false;
    // Properties set on the element before its class was defined shadow the accessors: re-apply them.
    for (const name of ['headers', 'fetcher', 'messages', 'theme'] as const) {
      if (Object.prototype.hasOwnProperty.call(this, name)) {
        const value: unknown = (this as Record<string, unknown>)[name];
        delete (this as Record<string, unknown>)[name];
        (this as Record<string, unknown>)[name] = value;
      }
    }
    if (this.#handle) this.#refresh();
    else this.#handle = mount(this, this.#options());
  }

  disconnectedCallback(): void {
    // A move (remove + append in one task) must not restart the camera: unmount only if still detached.
    this.#pendingUnmount = true;
    queueMicrotask(() => {
      if (!this.#pendingUnmount || this.isConnected) return;
      this.#handle?.unmount();
      this.#handle = null;
    });
  }

  attributeChangedCallback(): void {
    this.#refresh();
  }

  #refresh(): void {
    this.#handle?.update(this.#options());
  }

  #emit<K extends keyof OkayLiveEventMap>(type: K, detail: OkayLiveEventMap[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  #options(): MountOptions {
    const options: MountOptions = {};
    for (const [attribute, prop] of Object.entries(STRING_ATTRIBUTES)) {
      const value = this.getAttribute(attribute);
      if (value) options[prop] = value;
    }
    const handoff = this.getAttribute('handoff');
    if (handoff && HANDOFF.includes(handoff)) options.handoff = handoff as NonNullable<MountOptions['handoff']>;
    if (options.handoff === 'phone') {
      // The phone carries on in the desktop's language, else its own: the page is the server's, not the host's.
      if (this.#linkLocale === undefined)
        this.#linkLocale =
          typeof location === 'undefined' ? null : new URLSearchParams(location.hash.slice(1)).get('l');
      options.locale ??= this.#linkLocale ?? (typeof navigator === 'undefined' ? undefined : navigator.language);
    }
    // Without a locale attribute, the page's own language: <html lang="ms"> gives Bahasa Melayu.
    options.locale ??= this.closest('[lang]')?.getAttribute('lang') || undefined;
    options.autoSubmit = onUnlessFalse(this.getAttribute('auto-submit'));
    options.autoStart = this.hasAttribute('auto-start') && onUnlessFalse(this.getAttribute('auto-start'));
    options.autoCapture = onUnlessFalse(this.getAttribute('auto-capture'));
    const manualAfter = Number(this.getAttribute('manual-capture-after-ms') ?? Number.NaN);
    if (Number.isFinite(manualAfter) && manualAfter >= 0) options.manualCaptureAfterMs = manualAfter;
    options.rememberCamera =
      this.hasAttribute('remember-camera') && onUnlessFalse(this.getAttribute('remember-camera'));
    options.showCancel = !(this.hasAttribute('hide-cancel') && onUnlessFalse(this.getAttribute('hide-cancel')));
    options.showFigures = this.hasAttribute('show-figures') && onUnlessFalse(this.getAttribute('show-figures'));
    const layout = this.getAttribute('layout');
    if (layout && LAYOUTS.includes(layout)) options.layout = layout as Layout;
    const credentials = this.getAttribute('credentials');
    if (credentials && CREDENTIALS.includes(credentials)) options.credentials = credentials as RequestCredentials;
    const scheme = this.getAttribute('theme');
    const theme: OkayLiveTheme = { ...this.#theme };
    if (isColorScheme(scheme)) theme.scheme = scheme;
    options.theme = theme;
    if (this.#headers) options.headers = this.#headers;
    if (this.#fetcher) options.fetcher = this.#fetcher;
    if (this.#messages) options.messages = this.#messages;
    // The attribute's JSON goes on as text: the session reads it, and refuses text that is not
    // JSON with REQUIREMENTS_INVALID instead of silently applying the defaults.
    const requirements = this.#requirements ?? (this.getAttribute('requirements')?.trim() || undefined);
    if (requirements !== undefined) options.requirements = requirements;
    options.onCapture = (blob, meta) => this.#emit('okaylive-capture', { blob, meta });
    options.onResult = (verdict) => this.#emit('okaylive-result', verdict);
    options.onError = (error) => this.#emit('okaylive-error', error);
    options.onCancel = () => this.#emit('okaylive-cancel', null);
    options.onStateChange = (state) => {
      this.setAttribute('state', state);
      this.#emit('okaylive-statechange', { state });
    };
    return options;
  }
}

/** Registers the element under `tag` (once; a second call is a no-op). */
export function defineOkayLiveElement(tag: string = ELEMENT_TAG): void {
  if (typeof customElements === 'undefined' || customElements.get(tag)) return;
  customElements.define(tag, class extends OkayLiveCaptureElement {});
}

declare global {
  interface HTMLElementTagNameMap {
    'okaylive-capture': OkayLiveCaptureElement;
  }
  // `element.addEventListener('okaylive-result', (e) => e.detail)` is typed.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends OkayLiveEventMap {}
}
