import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { OkayLiveCapture } from '../react/OkayLiveCapture.tsx';
import type { OkayLiveCaptureProps } from '../react/props.ts';
import { adoptStyles } from './styles.ts';

export interface MountOptions extends OkayLiveCaptureProps {
  /**
   * Render inside a shadow root (default): the host page's CSS cannot reach the widget and
   * the widget's cannot reach the page. Theme it with `theme`, custom properties on the
   * target or an ancestor, or `::part()`. `false` renders into the target itself.
   */
  shadow?: boolean;
}

export interface MountHandle {
  /** Re-renders with these options merged over the current ones. */
  update(options: Partial<MountOptions>): void;
  /** Stops the camera, aborts any request, and empties the target. */
  unmount(): void;
}

/** Scheme tokens for a shadow root sit on its host (theme.css `:host([data-okl-scheme])`). */
function markScheme(target: Element, options: MountOptions): void {
  target.setAttribute('data-okl-scheme', options.theme?.scheme ?? 'light');
}

/**
 * Renders the widget into any element, for pages without React of their own. React is
 * bundled in the standalone build; here it is the package's peer dependency.
 */
export function mount(target: Element, options: MountOptions = {}): MountHandle {
  const shadow = options.shadow !== false;
  let host: ShadowRoot | Element = target;
  if (shadow) {
    const root = target.shadowRoot ?? target.attachShadow({ mode: 'open' });
    adoptStyles(root);
    host = root;
  } else {
    adoptStyles(target.ownerDocument);
  }
  const container = target.ownerDocument.createElement('div');
  if (shadow) container.className = 'okl-shadow';
  host.append(container);
  const root: Root = createRoot(container);
  let current: MountOptions = { ...options };

  const render = () => {
    if (shadow) markScheme(target, current);
    const { shadow: _shadow, ...props } = current;
    root.render(
      <StrictMode>
        <OkayLiveCapture {...props} />
      </StrictMode>,
    );
  };
  render();

  return {
    update(next) {
      current = { ...current, ...next };
      render();
    },
    unmount() {
      root.unmount();
      container.remove();
      if (shadow) target.removeAttribute('data-okl-scheme');
    },
  };
}
