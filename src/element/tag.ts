/** The element's tag name: its own module, so the `react-server` stand-in (server.ts) needs no React to name it. */
export const ELEMENT_TAG = 'okaylive-capture';
