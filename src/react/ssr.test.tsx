import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { OkayLiveCapture } from './OkayLiveCapture.tsx';

/** A server render (Next.js, Remix): no window, no navigator, no DOM. */
describe('server rendering', () => {
  it('renders the idle widget with its machine-readable state, touching no browser API', () => {
    expect(typeof window).toBe('undefined');
    const problems = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const html = renderToString(<OkayLiveCapture apiBaseUrl="/api/ekyc" autoStart rememberCamera locale="en" />);
    expect(html).toContain('data-state="idle"');
    expect(html).toContain('data-hint=""');
    expect(html).toContain('Start camera');
    // React reports server-render problems (a layout effect, a mismatch) through console.error.
    expect(problems).not.toHaveBeenCalled();
    problems.mockRestore();
  });

  it('every entry imports in Node: element, standalone, core, locales', async () => {
    const element = await import('../element/index.ts');
    const standalone = await import('../element/standalone.ts');
    const core = await import('../core/index.ts');
    const locales = await import('../core/i18n/locales.ts');
    expect(typeof element.defineOkayLiveElement).toBe('function');
    expect(typeof standalone.mount).toBe('function');
    expect(typeof core.createCaptureSession).toBe('function');
    expect(Object.keys(locales.builtInLocales)).toEqual(['en', 'ms', 'id', 'zh', 'th', 'vi', 'fil', 'ta']);
  });
});
