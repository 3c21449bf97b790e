/**
 * `okaylive-capture/element` under the `react-server` export condition: the element and
 * `mount()` render with react-dom/client, which a Server Component cannot import. Stand-ins
 * that say so when used (../react/client-only.ts); the tag name is the real thing, for JSX.
 */
import { clientOnly } from '../react/client-only.ts';

export { ELEMENT_TAG } from './tag.ts';

const FROM = 'okaylive-capture/element';

export const defineOkayLiveElement = clientOnly('defineOkayLiveElement', FROM);
export const mount = clientOnly('mount', FROM);
export const OkayLiveCaptureElement = clientOnly('OkayLiveCaptureElement', FROM);
