import type { JSX } from 'react';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Verdict } from '../core/api/verdict.ts';
import type { WidgetError } from '../core/session/types.ts';
import { defineOkayLiveElement, OkayLiveCaptureElement } from './element.ts';
import type { OkayLiveCaptureAttributes } from './jsx.ts';

describe('the element without a DOM', () => {
  it('imports and defines nothing where there is no customElements (a server render)', () => {
    expect(typeof globalThis.customElements).toBe('undefined');
    expect(() => defineOkayLiveElement()).not.toThrow();
    expect(OkayLiveCaptureElement.observedAttributes).toContain('api-base-url');
  });
});

describe('typed events and JSX', () => {
  it('types the detail of the okaylive-* events on any element', () => {
    const listen = (el: HTMLElement) => {
      el.addEventListener('okaylive-result', (e) => expectTypeOf(e.detail).toEqualTypeOf<Verdict>());
      el.addEventListener('okaylive-error', (e) => expectTypeOf(e.detail).toEqualTypeOf<WidgetError>());
      el.addEventListener('okaylive-statechange', (e) => expectTypeOf(e.detail.state).toBeString());
    };
    expectTypeOf(listen).toBeFunction();
    expectTypeOf<JSX.IntrinsicElements['okaylive-capture']>().toEqualTypeOf<OkayLiveCaptureAttributes>();
    expectTypeOf<OkayLiveCaptureAttributes['theme']>().toEqualTypeOf<'light' | 'dark' | 'auto' | undefined>();
  });
});
