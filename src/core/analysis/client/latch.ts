/**
 * A promise whose resolve is kept for later: readiness is decided by worker messages long after
 * the promise is handed out, and a second settle (a late message, a disposal) must change nothing.
 */
export function latch<T>(): [promise: Promise<T>, settle: (value: T) => void] {
  let settle: (value: T) => void = () => undefined;
  const promise = new Promise<T>((resolve) => {
    settle = resolve;
  });
  return [promise, settle];
}
