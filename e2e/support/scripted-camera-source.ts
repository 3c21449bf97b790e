/**
 * The scripted camera's page-side source (see scripted-camera.ts), apart from the Node code
 * that installs it, so a test-only page can also run it itself where a driver has no init
 * scripts (e2e/engines/pages/). Options: `initial` scene, `size` {width, height, fps}, the
 * face `centre` in the still, the pose `keys`, and optional `urls` per key (default: the
 * routed /__e2e/pose/<key>.png).
 *
 * Plain source text, not a function: tools that compile this file (tsx, esbuild) may add
 * helpers to a function's source that do not exist in the page.
 */
export const CAMERA_SOURCE = `function ({ initial, size, centre, keys, urls }) {
  const scene = Object.assign({ scale: 3.2, fx: 0.5, fy: 0.46, face: true, roll: 0, yaw: 0, pitch: 0, light: 1 }, initial);
  const images = {};
  for (const key of keys) {
    const img = new Image();
    img.src = (urls && urls[key]) || '/__e2e/pose/' + key + '.png';
    img.onload = () => draw();
    images[key] = img;
  }
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const ctx = canvas.getContext('2d');
  let frames = 0;
  const still = () => images['y' + scene.yaw + '_p' + scene.pitch] || images['y0_p0'];
  const draw = () => {
    ctx.filter = scene.light === 1 ? 'none' : 'brightness(' + scene.light + ')';
    ctx.fillStyle = '#7a7f86';
    ctx.fillRect(0, 0, size.width, size.height);
    const img = still();
    if (scene.face && img && img.complete && img.naturalWidth > 0) {
      const side = 512 * scene.scale;
      ctx.save();
      // Turn about the face centre, so a tilt does not move the face.
      ctx.translate(scene.fx * size.width, scene.fy * size.height);
      ctx.rotate((scene.roll * Math.PI) / 180);
      ctx.drawImage(img, -centre.x * scene.scale, -centre.y * scene.scale, side, side);
      ctx.restore();
    }
    ctx.filter = 'none';
    frames++;
  };
  // Redrawn in full only when the scene changes. A canvas stream only carries a frame when
  // the canvas changed, so each tick touches one corner pixel: the page's main thread then
  // costs about what a real camera costs it.
  draw();
  let tick = 0;
  setInterval(() => {
    tick++;
    ctx.fillStyle = tick % 2 ? '#7a7f86' : '#7b7f86';
    ctx.fillRect(0, 0, 1, 1);
  }, 1000 / size.fps);
  window.__scriptedCamera = {
    set(patch) { Object.assign(scene, patch); draw(); },
    get: () => Object.assign({}, scene),
    frames: () => frames,
  };
  const devices = navigator.mediaDevices;
  // Held by the page: WebKit may collect a DOM wrapper nothing refers to and hand out a new
  // one, without the replacements below.
  window.__scriptedCamera.devices = devices;
  // A new stream per request: the widget stops its tracks on unmount (and React's StrictMode
  // mounts twice in development).
  devices.getUserMedia = async () => canvas.captureStream(size.fps);
  devices.enumerateDevices = async () => [
    { deviceId: 'scripted', groupId: 'e2e', kind: 'videoinput', label: 'Scripted camera', toJSON: () => ({}) },
  ];
}`;
