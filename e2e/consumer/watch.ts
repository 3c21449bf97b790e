import type { Page } from '@playwright/test';

/**
 * What went wrong on a consumer app's page (console errors, uncaught errors, failed or refused
 * requests) and the paths it loaded. A page without an icon makes the browser ask for
 * /favicon.ico: not the widget's request, so neither its error nor its 404 counts.
 */
export function watch(page: Page): { problems: string[]; loaded: string[] } {
  const problems: string[] = [];
  const loaded: string[] = [];
  const favicon = (url: string) => url.endsWith('/favicon.ico');
  page.on('console', (message) => {
    if (message.type() === 'error' && !favicon(message.location().url)) problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) =>
    problems.push(`failed: ${request.url()} ${request.failure()?.errorText ?? ''}`),
  );
  page.on('response', (response) => {
    if (response.status() >= 400 && !favicon(response.url())) problems.push(`${response.status()}: ${response.url()}`);
    else loaded.push(new URL(response.url()).pathname);
  });
  return { problems, loaded };
}
