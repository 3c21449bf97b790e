import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';

/** A layout effect in the browser, a plain (never run) effect in a server render, where React 18 warns about the former. */
const useClientLayoutEffect = typeof window === 'undefined' ? useEffect : useLayoutEffect;

/**
 * Where focus goes when a view appears, first match wins: an element a view marks itself,
 * the heading of an error or a result (they carry tabIndex -1), the capture button, the start
 * button. The widget title is the fallback. Class hooks, so views need no extra wiring.
 */
export const FOCUS_TARGET = 'data-okl-focus';
const TARGETS = [`[${FOCUS_TARGET}]`, '.okl-error-title', '.okl-result-title', '.okl-capture', '.okl-idle .okl-button'];

function activeElementIn(root: HTMLElement): Element | null {
  // Inside a shadow root the document only sees the host; ask the root's own tree.
  const tree = root.getRootNode() as Document | ShadowRoot;
  return tree.activeElement ?? null;
}

function focusTarget(root: HTMLElement): HTMLElement | null {
  for (const selector of TARGETS) {
    for (const candidate of root.querySelectorAll<HTMLElement>(selector)) {
      if (!candidate.matches(':disabled')) return candidate;
    }
  }
  return root.querySelector<HTMLElement>('.okl-title');
}

/**
 * Moves focus to the new view's target when `key` (the state) changes, but only while the
 * person is working inside the widget: focus is never pulled from the host page (on mount,
 * on auto-start, or while they are elsewhere), nor from a control they moved to themselves.
 */
export function useFocusOnChange(root: RefObject<HTMLElement | null>, key: string): void {
  const inside = useRef(false);
  const placed = useRef<HTMLElement | null>(null);
  const first = useRef(true);

  useEffect(() => {
    const element = root.current;
    if (!element) return undefined;
    const onIn = () => {
      inside.current = true;
    };
    const onOut = (event: FocusEvent) => {
      // relatedTarget null: the focused element was removed, or the window lost focus; both stay "inside".
      const next = event.relatedTarget;
      if (next instanceof Node && !element.contains(next)) inside.current = false;
    };
    element.addEventListener('focusin', onIn);
    element.addEventListener('focusout', onOut);
    return () => {
      element.removeEventListener('focusin', onIn);
      element.removeEventListener('focusout', onOut);
    };
  }, [root]);

  useClientLayoutEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const element = root.current;
    if (!element || !inside.current) return;
    const active = activeElementIn(element);
    const lost = active === null || !element.contains(active);
    if (!lost && active !== placed.current) return;
    const target = focusTarget(element);
    if (!target || target === active) return;
    target.focus();
    placed.current = target;
  }, [key, root]);
}
