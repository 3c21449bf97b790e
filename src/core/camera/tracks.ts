/**
 * The camera's life after it started: a track that ends on its own (unplugged, taken by the
 * system, revoked) must pause the flow; every track must stop when the widget goes away.
 */

interface TrackLike {
  readonly readyState: string;
  stop(): void;
  addEventListener(type: 'ended', listener: () => void): void;
  removeEventListener(type: 'ended', listener: () => void): void;
}

export interface StreamLike {
  getTracks(): TrackLike[];
}

/**
 * Calls `onEnded` once when any track of the stream ends without us stopping it. `stop()`
 * does not fire `ended`, so our own clean-up never reports a fault.
 * Returns the unsubscribe function.
 */
export function watchTracks(stream: StreamLike, onEnded: () => void): () => void {
  const tracks = stream.getTracks();
  let done = false;
  const listener = () => {
    if (done) return;
    done = true;
    onEnded();
  };
  for (const track of tracks) track.addEventListener('ended', listener);
  // A track can end between getUserMedia resolving and this call.
  if (tracks.some((t) => t.readyState === 'ended')) queueMicrotask(listener);
  return () => {
    done = true;
    for (const track of tracks) track.removeEventListener('ended', listener);
  };
}

/** Stops every track of every stream: the camera light goes off. */
export function stopStreams(streams: Iterable<StreamLike>): void {
  for (const stream of streams) for (const track of stream.getTracks()) track.stop();
}
