/**
 * The camera of the engine-check page (capture.html), test only: the page sets it up itself
 * because WebKitWebDriver has no init scripts. `?camera=<JSON>` runs the scripted camera
 * (e2e/support/scripted-camera-source.ts) with those options; `?camera=refuse` makes
 * getUserMedia fail as a refused permission does, for engines that cannot be made to
 * refuse (WebKitGTK's automation grants every capture). Without `camera` the engine's own
 * (fake) camera is used. The page records its own console errors (recorder.ts), and
 * `?plant=error` plants a console error and an uncaught one while it loads, to show that the
 * checks hear them.
 */
import { CAMERA_SOURCE } from '../../support/scripted-camera-source.ts';
import { recordConsole } from './recorder.ts';

// First: this page hears its own console errors (WebKitWebDriver cannot).
recordConsole();

declare global {
  interface Window {
    /** Which camera this page set up: read by the checks before they start the widget (this module may run after the widget's script). */
    __engineCamera?: 'scripted' | 'refuse' | 'engine';
  }
}

const params = new URLSearchParams(location.search);
const camera = params.get('camera');
if (params.get('plant') === 'error') {
  console.error('planted console error');
  setTimeout(() => {
    throw new Error('planted uncaught error');
  });
}
if (camera === 'refuse') {
  // On the prototype: WebKit may collect the navigator.mediaDevices wrapper and hand out a new one without a replacement made on it.
  MediaDevices.prototype.getUserMedia = () =>
    Promise.reject(new DOMException('refused by the engine-check page', 'NotAllowedError'));
} else if (camera) {
  const options: unknown = JSON.parse(camera);
  const script = document.createElement('script');
  script.textContent = `(${CAMERA_SOURCE})(${JSON.stringify(options)});`;
  document.head.append(script);
}
window.__engineCamera = camera === 'refuse' ? 'refuse' : camera ? 'scripted' : 'engine';
