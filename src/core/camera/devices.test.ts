import { describe, expect, it } from 'vitest';
import {
  betterCamera,
  chooseCamera,
  describeCameras,
  isHandheld,
  isInfraredLabel,
  isVirtualCameraLabel,
  type DeviceInfoLike,
} from './devices.ts';
import { CAMERA_STORAGE_KEY, recallCamera, rememberCamera, type StorageLike } from './remember.ts';

const device = (deviceId: string, label: string, facingMode?: string[]): DeviceInfoLike => ({
  kind: 'videoinput',
  deviceId,
  label,
  ...(facingMode ? { getCapabilities: () => ({ facingMode }) } : {}),
});

describe('camera labels', () => {
  it.each([
    ['OBS Virtual Camera', true],
    ['ManyCam Virtual Webcam', true],
    ['Snap Camera', true],
    ['XSplit VCam', true],
    ['DroidCam Source 3', true],
    ['Iriun Webcam', true],
    ['NVIDIA Broadcast', true],
    ['fake_device_0', true],
    ['Integrated Camera (04f2:b6dd)', false],
    ['FaceTime HD Camera', false],
    ['Logitech BRIO (046d:085e)', false],
    ['Jobs Camera', false], // "obs" inside a word is not OBS
    ['camera2 1, facing front', false],
  ])('%s → virtual %s', (label, virtual) => {
    expect(isVirtualCameraLabel(label)).toBe(virtual);
  });

  it.each([
    ['Integrated IR Camera', true],
    ['HP IR Camera', true],
    ['Intel(R) RealSense(TM) Depth Camera 435 Depth', true],
    ['Infrared Camera', true],
    ['Integrated RGB Camera', false],
    ['Mirror Cam', false],
  ])('%s → infrared %s', (label, infrared) => {
    expect(isInfraredLabel(label)).toBe(infrared);
  });

  it('reads facing from capabilities first, then from the label, and skips other kinds', () => {
    const cams = describeCameras([
      device('a', 'camera2 0', ['environment']),
      device('b', 'camera2 1, facing front'),
      device('c', 'Back Camera'),
      device('d', 'USB Camera'),
      { kind: 'audioinput', deviceId: 'm', label: 'Microphone' },
    ]);
    expect(cams.map((c) => [c.deviceId, c.facing])).toEqual([
      ['a', 'back'],
      ['b', 'front'],
      ['c', 'back'],
      ['d', 'unknown'],
    ]);
  });
});

describe('chooseCamera', () => {
  const laptop = describeCameras([
    device('ir', 'Integrated IR Camera'),
    device('obs', 'OBS Virtual Camera'),
    device('rgb', 'Integrated Camera'),
  ]);
  const phone = describeCameras([
    device('back', 'Back Camera'),
    device('wide', 'Back Ultra Wide Camera'),
    device('front', 'Front Camera'),
  ]);

  it.each([
    ['laptop: the colour camera over IR and virtual', laptop, { handheld: false }, 'rgb'],
    ['laptop: an explicit choice wins, even a virtual one', laptop, { handheld: false, preferredId: 'obs' }, 'obs'],
    ['laptop: a remembered id that is gone is ignored', laptop, { handheld: false, preferredId: 'unplugged' }, 'rgb'],
    ['phone: the front camera', phone, { handheld: true }, 'front'],
    ['phone: the person picked the back camera', phone, { handheld: true, preferredId: 'back' }, 'back'],
    [
      'labels hidden before permission: let the browser pick',
      describeCameras([device('', ''), device('', '')]),
      { handheld: true },
      undefined,
    ],
    [
      'only an IR camera: still better than none',
      describeCameras([device('ir', 'IR Camera')]),
      { handheld: false },
      'ir',
    ],
  ] as const)('%s', (_name, cameras, context, expected) => {
    expect(chooseCamera(cameras, context)).toBe(expected);
  });
});

describe('isHandheld', () => {
  it.each([
    [{ userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148', maxTouchPoints: 5 }, true],
    [{ userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Safari/605.1.15', maxTouchPoints: 5 }, true], // iPadOS
    [{ userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Safari/605.1.15', maxTouchPoints: 0 }, false],
    [
      { userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/126 Mobile Safari/537.36', maxTouchPoints: 5 },
      true,
    ],
    [{ userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126', maxTouchPoints: 10 }, false], // touch laptop
  ])('%o → %s', (env, handheld) => {
    expect(isHandheld(env)).toBe(handheld);
  });
});

describe('remembering the camera', () => {
  const memory = (): StorageLike & { data: Map<string, string> } => {
    const data = new Map<string, string>();
    return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
  };
  const broken: StorageLike = {
    getItem: () => {
      throw new Error('SecurityError');
    },
    setItem: () => {
      throw new Error('QuotaExceededError');
    },
  };

  it('stores and recalls the device id under one key', () => {
    const storage = memory();
    rememberCamera(storage, 'abc');
    expect(storage.data.get(CAMERA_STORAGE_KEY)).toBe('abc');
    expect(recallCamera(storage)).toBe('abc');
  });

  it('never throws when storage is unavailable', () => {
    expect(() => rememberCamera(broken, 'abc')).not.toThrow();
    expect(recallCamera(broken)).toBeUndefined();
    expect(recallCamera(null)).toBeUndefined();
  });
});

describe('betterCamera: correcting the browser default once labels are known', () => {
  const laptop = describeCameras([
    device('ir', 'Integrated IR Camera'),
    device('usb', 'Logitech C920'),
    device('rgb', 'Integrated Camera'),
  ]);
  const phone = describeCameras([device('back', 'Back Camera'), device('front', 'Front Camera')]);
  const virtualOnly = describeCameras([device('obs', 'OBS Virtual Camera'), device('many', 'ManyCam Virtual Webcam')]);

  it.each([
    ['IR default → colour camera', laptop, 'ir', false, 'usb'],
    ['a colour camera is kept, even if not first', laptop, 'rgb', false, undefined],
    ['phone on the back camera → front', phone, 'back', true, 'front'],
    ['virtual among virtual: kept', virtualOnly, 'many', false, undefined],
    ['unknown active id: nothing to correct', laptop, 'gone', false, undefined],
  ] as const)('%s', (_name, cameras, active, handheld, expected) => {
    expect(betterCamera(cameras, active, handheld)).toBe(expected);
  });
});
