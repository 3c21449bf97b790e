import { QueryClient } from '@tanstack/query-core';
import { createAnalysisClient, type AnalysisClient, type AnalysisClientOptions } from '../analysis/client/client.ts';
import type { ShrinkFn } from '../api/requests.ts';
import type { CameraEnvironment, MediaDevicesLike } from '../camera/control.ts';
import { isHandheld } from '../camera/devices.ts';
import { cameraPrecondition, currentCameraEnvironment } from '../camera/errors.ts';
import type { PermissionsLike } from '../camera/permission.ts';
import { browserStorage, type StorageLike } from '../camera/remember.ts';
import { encodeCrop } from '../capture/encode.ts';
import type { Encode } from '../capture/meta.ts';
import { BROWSER_PHOTO_TOOLS, type PhotoTools } from '../capture/photo.ts';
import { shrinkImage } from '../capture/shrink.ts';
import { probeStill, type ProbeStill } from '../capture/still-check.ts';
import type { VisibilityDoc } from '../guidance/loop.ts';
import { browserConnectivity, type Connectivity } from './clocks.ts';
import { browserHandoffEnvironment, type HandoffEnvironment } from './handoff.ts';
import type { CameraErrorCode } from './types.ts';

/**
 * Everything the session touches outside itself. The browser's by default; tests hand in a
 * scripted camera, a fake analysis client and an encoder that needs no canvas.
 */
export interface SessionEnvironment {
  /** Owns the request state (query-core mutations); the React adapter passes its provider's. */
  queryClient: QueryClient;
  createAnalysis(options: AnalysisClientOptions): AnalysisClient;
  camera: CameraEnvironment;
  /** What stops the camera from being asked for at all (insecure page, no getUserMedia). */
  precondition(): CameraErrorCode | null;
  storage: StorageLike | null;
  encode: Encode;
  /** Reads an encoded still back before it is sent (capture/still-check.ts). */
  probe: ProbeStill;
  photo: PhotoTools;
  shrink: ShrinkFn | undefined;
  /** Page visibility: analysis pauses while the tab is hidden. */
  doc: VisibilityDoc | undefined;
  /** What the phone handoff touches: EventSource, the link's token, the tab's storage, pagehide. */
  handoff: HandoffEnvironment;
  /** Online or not: a resend waits for the network. */
  connectivity: Connectivity;
  now(): number;
}

function browserCamera(): CameraEnvironment {
  if (typeof navigator === 'undefined') return { devices: undefined, permissions: undefined, handheld: false };
  return {
    devices: navigator.mediaDevices satisfies MediaDevicesLike | undefined,
    permissions: navigator.permissions satisfies PermissionsLike | undefined,
    handheld: isHandheld({ maxTouchPoints: navigator.maxTouchPoints, userAgent: navigator.userAgent }),
  };
}

/**
 * The browser's environment, read lazily: a session is created during a server render too,
 * where none of this exists, and nothing here runs until the session is mounted.
 */
export function browserEnvironment(overrides: Partial<SessionEnvironment> = {}): SessionEnvironment {
  let camera: CameraEnvironment | undefined;
  return {
    queryClient: overrides.queryClient ?? new QueryClient(),
    createAnalysis: overrides.createAnalysis ?? createAnalysisClient,
    get camera() {
      camera ??= overrides.camera ?? browserCamera();
      return camera;
    },
    precondition: overrides.precondition ?? (() => cameraPrecondition(currentCameraEnvironment())),
    get storage() {
      return overrides.storage !== undefined ? overrides.storage : browserStorage();
    },
    encode: overrides.encode ?? encodeCrop,
    probe: overrides.probe ?? probeStill,
    photo: overrides.photo ?? BROWSER_PHOTO_TOOLS,
    shrink:
      'shrink' in overrides
        ? overrides.shrink
        : async (blob, refused) => (await shrinkImage(blob, refused))?.blob ?? null,
    get doc() {
      return 'doc' in overrides ? overrides.doc : typeof document === 'undefined' ? undefined : document;
    },
    handoff: overrides.handoff ?? browserHandoffEnvironment(),
    connectivity: overrides.connectivity ?? browserConnectivity(),
    now: overrides.now ?? Date.now,
  };
}
