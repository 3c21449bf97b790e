// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useGuidance } from '../guidance/useGuidance.ts';
import { OkayLiveCapture } from '../OkayLiveCapture.tsx';
import type { CameraChange } from '../props.ts';

Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });

/** A camera that is asked for and never answers: the widget stays in camera_starting with its preview shown. */
class PendingCamera extends EventTarget {
  devices = [{ kind: 'videoinput', deviceId: 'cam-1', groupId: 'g', label: 'Front camera' }];
  getUserMedia = vi.fn(() => new Promise<MediaStream>(() => undefined));
  enumerateDevices = vi.fn(async () => this.devices);
}

let camera: PendingCamera;
let container: HTMLElement;
beforeEach(() => {
  camera = new PendingCamera();
  Object.defineProperty(navigator, 'mediaDevices', { value: camera, configurable: true });
  Object.defineProperty(window, 'isSecureContext', { value: true, configurable: true });
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => container.remove());

function Overlay() {
  // Inside the widget: the hooks see this widget's session.
  const guidance = useGuidance();
  return <i data-testid="overlay" data-analysis={guidance.analysis} />;
}

describe('previewOverlay and onCameraChange', () => {
  it('renders the overlay inside the preview, over the video, with the widget’s hooks available', async () => {
    const root = createRoot(container);
    await act(async () => root.render(<OkayLiveCapture autoStart previewOverlay={<Overlay />} />));
    const overlay = container.querySelector('.okl-preview > .okl-overlay [data-testid="overlay"]');
    expect(overlay?.getAttribute('data-analysis')).toMatch(/^(loading|ready|unavailable)$/);
    // After the video and the oval: drawn on top of both.
    const layers = [...(container.querySelector('.okl-preview')?.children ?? [])].map((el) => el.getAttribute('class'));
    expect(layers.at(-1)).toBe('okl-overlay');
    await act(async () => root.unmount());
  });

  it('renders no overlay layer without the prop', async () => {
    const root = createRoot(container);
    await act(async () => root.render(<OkayLiveCapture autoStart />));
    expect(container.querySelector('.okl-preview')).not.toBeNull();
    expect(container.querySelector('.okl-overlay')).toBeNull();
    await act(async () => root.unmount());
  });

  it('tells the host the cameras it sees, once per change', async () => {
    const changes: CameraChange[] = [];
    const root = createRoot(container);
    await act(async () => root.render(<OkayLiveCapture autoStart onCameraChange={(c) => changes.push(c)} />));
    expect(changes).toEqual([{ cameras: [], active: undefined }]);
    await act(async () => {
      camera.dispatchEvent(new Event('devicechange'));
    });
    await act(async () => {
      camera.dispatchEvent(new Event('devicechange'));
    });
    expect(changes).toHaveLength(2);
    expect(changes[1]?.cameras.map((c) => [c.deviceId, c.label])).toEqual([['cam-1', 'Front camera']]);
    camera.devices.push({ kind: 'videoinput', deviceId: 'obs', groupId: 'o', label: 'OBS Virtual Camera' });
    await act(async () => {
      camera.dispatchEvent(new Event('devicechange'));
    });
    expect(changes).toHaveLength(3);
    expect(changes[2]?.cameras.find((c) => c.deviceId === 'obs')?.virtual).toBe(true);
    await act(async () => root.unmount());
  });
});
