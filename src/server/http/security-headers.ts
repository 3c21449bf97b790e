import type { ServerResponse } from 'node:http';

export interface SecurityOptions {
  /** CSP frame-ancestors sources; "'none'" forbids framing. */
  frameAncestors: string;
  hsts: boolean;
}

/**
 * The page's Content-Security-Policy. No 'unsafe-inline' and no 'unsafe-eval' anywhere:
 * - script-src 'wasm-unsafe-eval': the face analysis compiles tfjs' WebAssembly;
 * - worker-src 'self' blob: the analysis runs in a Web Worker (a blob: URL where a bundler
 *   inlines it);
 * - img-src / media-src blob: and data: for the captured selfie's preview and the camera
 *   stream (mediastream:);
 * - connect-src 'self': the API, the model files and the WASM all come from this origin.
 */
export function contentSecurityPolicy(options: SecurityOptions): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' blob: data:",
    "media-src 'self' blob: mediastream:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${options.frameAncestors}`,
  ].join('; ');
}

/** Headers every response of the production server carries. */
export function securityHeaders(options: SecurityOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Security-Policy': contentSecurityPolicy(options),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    // The widget needs the camera on this origin (and in frames the host allows); nothing else.
    'Permissions-Policy': 'camera=(self), microphone=(), geolocation=(), payment=(), usb=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-DNS-Prefetch-Control': 'off',
  };
  // Older browsers read X-Frame-Options only; it can say "none" or "same origin", nothing finer.
  if (options.frameAncestors === "'none'") headers['X-Frame-Options'] = 'DENY';
  else if (options.frameAncestors === "'self'") headers['X-Frame-Options'] = 'SAMEORIGIN';
  if (options.hsts) headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains';
  return headers;
}

export function applySecurityHeaders(res: ServerResponse, headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
}
