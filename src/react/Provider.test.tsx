// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { ms } from '../core/i18n/ms.ts';
import { registerLocale } from '../core/i18n/translate.ts';
import { useSession, useSessionContext, useTranslate } from './context.ts';
import { OkayLiveProvider } from './Provider.tsx';

Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });

/** A host's own screen, built from the hooks alone. */
function HostScreen() {
  const t = useTranslate();
  const status = useSession((s) => s.status);
  const journeyId = useSession((s) => s.journeyId);
  const { locale, session } = useSessionContext();
  return (
    <p
      data-status={status}
      data-journey={journeyId ?? ''}
      data-lang={locale.lang}
      data-dir={locale.dir}
      data-api={session.client.apiBaseUrl}
    >
      {t('action.start')}
    </p>
  );
}

const containers: HTMLElement[] = [];
function render(ui: React.ReactNode) {
  const container = document.createElement('div');
  document.body.append(container);
  containers.push(container);
  const root = createRoot(container);
  act(() => root.render(ui));
  return {
    container,
    rerender: (next: React.ReactNode) => act(() => root.render(next)),
    unmount: () => act(() => root.unmount()),
  };
}

afterEach(() => {
  for (const c of containers.splice(0)) c.remove();
});

describe('OkayLiveProvider: the hooks without the component', () => {
  it('gives hooks a session, a client, translations and the root language', () => {
    registerLocale('ms', ms);
    const { container } = render(
      <OkayLiveProvider locale="ms-MY" apiBaseUrl="/bank/ekyc" journeyId="j-1">
        <HostScreen />
      </OkayLiveProvider>,
    );
    const p = container.querySelector('p');
    expect(p?.textContent).toBe('Hidupkan kamera');
    expect(p?.dataset).toMatchObject({ status: 'idle', journey: 'j-1', lang: 'ms-MY', dir: 'ltr', api: '/bank/ekyc' });
  });

  it('takes up a journeyId the host obtains after mounting, and message overrides', () => {
    const { container, rerender } = render(
      <OkayLiveProvider>
        <HostScreen />
      </OkayLiveProvider>,
    );
    expect(container.querySelector('p')?.dataset.journey).toBe('');
    rerender(
      <OkayLiveProvider journeyId="j-late" messages={{ 'action.start': 'Open camera' }}>
        <HostScreen />
      </OkayLiveProvider>,
    );
    expect(container.querySelector('p')?.dataset.journey).toBe('j-late');
    expect(container.querySelector('p')?.textContent).toBe('Open camera');
  });

  it('gives each provider its own session', () => {
    const { container } = render(
      <>
        <OkayLiveProvider journeyId="a">
          <HostScreen />
        </OkayLiveProvider>
        <OkayLiveProvider journeyId="b">
          <HostScreen />
        </OkayLiveProvider>
      </>,
    );
    expect([...container.querySelectorAll('p')].map((p) => p.dataset.journey)).toEqual(['a', 'b']);
  });

  it('says clearly when a hook is used outside a provider', () => {
    const errors: unknown[] = [];
    const original = console.error;
    console.error = () => undefined;
    try {
      render(<HostScreen />);
    } catch (error) {
      errors.push(error);
    } finally {
      console.error = original;
    }
    expect(String(errors[0])).toMatch(/inside <OkayLiveCapture> or <OkayLiveProvider>/);
  });
});
