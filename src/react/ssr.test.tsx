import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { OkayLiveCapture } from './OkayLiveCapture.tsx';

/** A server render (Next.js, Remix): no window, no navigator, no DOM. */
describe('server rendering', () => {
  it('renders the idle widget with its machine-readable state, touching no browser API', () => {
    expect(typeof window).toBe('undefined');
    const html = renderToString(<OkayLiveCapture apiBaseUrl="/api/ekyc" autoStart rememberCamera locale="en" />);
    expect(html).toContain('data-state="idle"');
    expect(html).toContain('data-hint=""');
    expect(html).toContain('Start camera');
  });

  it('every entry imports in Node: element, standalone, core, locales', async () => {
    const element = await import('../element/index.ts');
    const standalone = await import('../element/standalone.ts');
    const core = await import('../core/index.ts');
    const locales = await import('../core/i18n/locales.ts');
    expect(typeof element.defineOkayLiveElement).toBe('function');
    expect(typeof standalone.mount).toBe('function');
    expect(typeof core.createCaptureSession).toBe('function');
    expect(Object.keys(locales.builtInLocales)).toEqual(['en', 'ms', 'id', 'zh']);
  });
});
