/**
 * One signal that aborts when any of `signals` does. `AbortSignal.any` where the browser has it
 * (Chrome 116, Firefox 124, Safari 17.4); a controller the others abort elsewhere, so the
 * widget's request still times out and cancels on older engines its build targets.
 */
export function anySignal(signals: readonly AbortSignal[]): AbortSignal {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any([...signals]);
  const controller = new AbortController();
  for (const signal of signals) {
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  }
  return controller.signal;
}
