/**
 * Records console errors, uncaught errors, failed loads and CSP violations into
 * `window.__engineConsole`, for drivers that hear no console themselves (WebKitWebDriver).
 * Test only. Read by in-page.ts `watchedErrors()`.
 */
declare global {
  interface Window {
    __engineConsole?: string[];
  }
}

function describe(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
}

export function recordConsole(): void {
  if (window.__engineConsole) return;
  const errors: string[] = [];
  window.__engineConsole = errors;
  const original = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    errors.push(`console.error: ${args.map(describe).join(' ')}`);
    original(...args);
  };
  addEventListener(
    'error',
    (event) => {
      // Capture phase: a script, style or image that failed to load fires here without bubbling.
      const target = event.target;
      if (
        target instanceof HTMLScriptElement ||
        target instanceof HTMLLinkElement ||
        target instanceof HTMLImageElement
      ) {
        errors.push(`failed to load: ${target instanceof HTMLLinkElement ? target.href : target.src}`);
      } else if (event instanceof ErrorEvent) errors.push(`uncaught: ${event.message}`);
    },
    true,
  );
  addEventListener('unhandledrejection', (event) => errors.push(`unhandled rejection: ${describe(event.reason)}`));
  addEventListener('securitypolicyviolation', (event) => {
    if (event instanceof SecurityPolicyViolationEvent)
      errors.push(`CSP: ${event.violatedDirective} ${event.blockedURI}`);
  });
}
