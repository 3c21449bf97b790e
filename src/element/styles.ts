import css from '../react/okaylive.css?inline';

let shared: CSSStyleSheet | null = null;

/** One parsed sheet for every widget on the page (constructable sheets can be adopted by many roots). */
function sheet(): CSSStyleSheet | null {
  if (shared) return shared;
  if (typeof CSSStyleSheet === 'undefined' || !('replaceSync' in CSSStyleSheet.prototype)) return null;
  shared = new CSSStyleSheet();
  shared.replaceSync(css);
  return shared;
}

/**
 * Gives a shadow root (or the document, for a light-DOM mount) the widget's styles.
 * Adopted sheets are not inline styles, so a strict CSP without 'unsafe-inline' allows them;
 * the <style> fallback is only for browsers without constructable sheets (Safari < 16.4).
 */
export function adoptStyles(root: ShadowRoot | Document): void {
  const adopted = sheet();
  if (adopted && 'adoptedStyleSheets' in root) {
    if (!root.adoptedStyleSheets.includes(adopted)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, adopted];
    return;
  }
  const parent = root instanceof Document ? root.head : root;
  if (parent.querySelector('style[data-okaylive]')) return;
  const style = (root instanceof Document ? root : root.ownerDocument).createElement('style');
  style.setAttribute('data-okaylive', '');
  style.textContent = css;
  parent.append(style);
}
