/**
 * The watch page, test only (served by the e2e server, never part of a build): it loads the
 * page named by `?page=` into itself, with the console recorder (recorder.ts) installed before
 * that page's first script runs. For drivers with neither a console log nor init scripts
 * (WebKitWebDriver), on pages that cannot record themselves (the demo, the onboarding page):
 * the document is written into this window after `document.open()`, with the page's own URL,
 * so its scripts run as on a direct visit. Not for pages that replace browser APIs:
 * WebKitGTK may renew `navigator`'s objects after such a write, dropping the replacement.
 */
import { recordConsole } from './recorder.ts';

const page = new URLSearchParams(location.search).get('page') ?? '/';
const html = await (await fetch(page)).text();
document.open();
// document.open() drops the window's listeners, so the recorder is installed after it.
recordConsole();
history.replaceState(null, '', page);
document.write(html);
document.close();
