/**
 * What a handoff runs, loaded on demand: most checks never use it, and a widget that offers it
 * downloads it only when the person chooses it (or on the phone page).
 */
export { createHandoffClient } from './client.ts';
export { createDesktopHandoff } from './desktop.ts';
export { createPhoneHandoff } from './phone.ts';
