// The browser side of e2e/head/renderer.ts: one WebGL scene with the head scan, posed and framed
// on request. Plain JavaScript so that the static server can hand it to Chromium as it is.
import * as THREE from 'three';
import { GLTFLoader } from 'three/addons/loaders/GLTFLoader.js';

/** One model unit is about 5 cm (e2e/fixtures/head/README.md). */
const UNITS_PER_METRE = 20;
/** Middle of the face at eye depth, on the scan's mirror plane: the head turns about this point. */
const PIVOT = new THREE.Vector3(-0.09, 1.2, 1.7);
const DEFAULT_SHOT = { width: 1920, height: 1080, vfovDeg: 60, distanceM: 0.4, at: { x: 0.5, y: 0.5 } };
const BACKGROUND = 0x808080;

const renderer = new THREE.WebGLRenderer({ preserveDrawingBuffer: true, antialias: true });
renderer.setPixelRatio(1);
renderer.outputColorSpace = THREE.SRGBColorSpace;
document.body.appendChild(renderer.domElement);

const scene = new THREE.Scene();
scene.background = new THREE.Color(BACKGROUND);
// The camera stays at the origin looking down −z; poses and framing move the head instead, so the
// optical axis is the same for every shot and the pose is always relative to it.
const camera = new THREE.PerspectiveCamera(60, 16 / 9, 0.5, 100);
scene.add(camera);

// Soft, nearly even light: a sky/ground hemisphere for a little top-down modelling, an ambient
// floor so that no side of a turned head goes dark, and a weak light from the camera so the
// nose, cheeks and eye sockets keep some shading. The texture is an albedo scan with little baked
// shading, so unlit it looks flat; Human's detector (e2e/support/human-node.ts) also scored these
// lit stills higher than unlit ones (0.66–0.84 against 0.63–0.76 over yaw ±20°, pitch ±15°,
// roll 15°) and read their roll closer to the truth.
scene.add(new THREE.AmbientLight(0xffffff, 0.9));
scene.add(new THREE.HemisphereLight(0xffffff, 0x8a8a8a, 1.4));
const key = new THREE.DirectionalLight(0xffffff, 0.9);
key.position.set(0, 0.3, 1);
camera.add(key);
key.target.position.set(0, 0, -1);
camera.add(key.target);

const textureUrl = '/e2e/fixtures/head/Map-COL.jpg';
const modelUrl = '/e2e/fixtures/head/LeePerrySmith.glb';

async function loadHead() {
  // The GLB carries geometry and UVs only (its one material is a flat lilac), so the colour map
  // comes from the scan's own JPEG beside it.
  const [gltf, map] = await Promise.all([
    new GLTFLoader().loadAsync(modelUrl),
    new THREE.TextureLoader().loadAsync(textureUrl),
  ]);
  map.colorSpace = THREE.SRGBColorSpace;
  map.anisotropy = renderer.capabilities.getMaxAnisotropy();
  let geometry = null;
  gltf.scene.traverse((object) => {
    if (object instanceof THREE.Mesh && geometry === null) geometry = object.geometry;
  });
  if (geometry === null) throw new Error('the head scan holds no mesh');
  // A fresh mesh, so that "model coordinates" are exactly the file's vertex positions (the file's
  // node has a scale of 1 ± 1e-7, nothing else).
  const mesh = new THREE.Mesh(geometry, new THREE.MeshLambertMaterial({ map }));
  mesh.matrixAutoUpdate = false;
  scene.add(mesh);
  return mesh;
}

const head = await loadHead();

function resolveShot(shot) {
  return {
    width: shot?.width ?? DEFAULT_SHOT.width,
    height: shot?.height ?? DEFAULT_SHOT.height,
    vfovDeg: shot?.vfovDeg ?? DEFAULT_SHOT.vfovDeg,
    distanceM: shot?.distanceM ?? DEFAULT_SHOT.distanceM,
    at: shot?.at ?? DEFAULT_SHOT.at,
  };
}

/**
 * Poses the head and frames the shot. Rotation: yaw about the vertical, then pitch about the
 * turned head's horizontal axis, then roll in the face's plane (intrinsic Y, X, Z, i.e.
 * Ry·Rx·Rz). The camera looks down −z with +x to the image's right and +y up, so turning the nose
 * (+z) towards +x is a positive rotation about y (yaw as given); lifting the chin moves the
 * nose up, a negative rotation about x (pitch negated); clockwise in the image is a negative
 * rotation about z, which points at the viewer (roll negated).
 */
function setUp(pose, shot) {
  const s = resolveShot(shot);
  const distance = s.distanceM * UNITS_PER_METRE;
  camera.fov = s.vfovDeg;
  camera.aspect = s.width / s.height;
  camera.near = Math.max(0.05, distance - 8);
  camera.far = distance + 12;
  camera.updateProjectionMatrix();
  camera.updateMatrixWorld();
  if (renderer.domElement.width !== s.width || renderer.domElement.height !== s.height)
    renderer.setSize(s.width, s.height, false);

  // Translating (never re-aiming) puts the pivot where `at` asks, at the same depth.
  const halfHeight = distance * Math.tan(THREE.MathUtils.degToRad(s.vfovDeg) / 2);
  const halfWidth = halfHeight * camera.aspect;
  const offset = new THREE.Vector3((2 * s.at.x - 1) * halfWidth, (1 - 2 * s.at.y) * halfHeight, -distance);

  const deg = THREE.MathUtils.degToRad;
  const rotation = new THREE.Matrix4().makeRotationFromEuler(
    new THREE.Euler(deg(-pose.pitch), deg(pose.yaw), deg(-pose.roll), 'YXZ'),
  );
  head.matrix
    .makeTranslation(offset.x, offset.y, offset.z)
    .multiply(rotation)
    .multiply(new THREE.Matrix4().makeTranslation(-PIVOT.x, -PIVOT.y, -PIVOT.z));
  head.matrixWorld.copy(head.matrix);
  return s;
}

function blobToBase64(blob) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('could not read the PNG'));
    reader.readAsDataURL(blob);
  });
}

/** Frame coordinates: pixels from the top-left corner of the image; pixel (i, j) covers [i, i+1) × [j, j+1). */
function toFrame(world, s) {
  const ndc = world.clone().project(camera);
  return { x: ((ndc.x + 1) / 2) * s.width, y: ((1 - ndc.y) / 2) * s.height };
}

const raycaster = new THREE.Raycaster();

window.headRenderer = {
  async render(pose, shot) {
    setUp(pose, shot);
    renderer.render(scene, camera);
    const blob = await new Promise((resolve, reject) =>
      renderer.domElement.toBlob((b) => (b ? resolve(b) : reject(new Error('the canvas gave no PNG'))), 'image/png'),
    );
    return blobToBase64(blob);
  },
  project(pose, shot, points) {
    const s = setUp(pose, shot);
    return points.map((p) => toFrame(new THREE.Vector3(p.x, p.y, p.z).applyMatrix4(head.matrixWorld), s));
  },
  surfacePoints(pose, shot, pixels) {
    const s = setUp(pose, shot);
    const toModel = head.matrixWorld.clone().invert();
    return pixels.map((px) => {
      const ndc = new THREE.Vector2((px.x / s.width) * 2 - 1, 1 - (px.y / s.height) * 2);
      raycaster.setFromCamera(ndc, camera);
      const hit = raycaster.intersectObject(head, false)[0];
      if (!hit) return null;
      const p = hit.point.applyMatrix4(toModel);
      return { x: p.x, y: p.y, z: p.z };
    });
  },
};
window.headRendererReady = true;
