import { createRequire } from 'node:module';

/**
 * Firefox ESR under Playwright's WebDriver-BiDi channel: Playwright sends
 * `emulation.setMediaFeaturesOverride` when it creates every context (to apply
 * `colorScheme`), and Firefox ESR 153 does not know that command, so `browser.newContext()`
 * fails with "unknown command". It is the only command Playwright sends that ESR lacks.
 *
 * This shim answers that one command locally, with an empty success, and passes every other
 * message through untouched. The price: `colorScheme` / `page.emulateMedia` have no effect
 * in these Firefox projects (no check here relies on them). It patches Playwright's
 * WebSocket transport in this test worker only; it is installed on import by the Firefox
 * specs. e2e/engines/firefox-shim.spec.ts fails loudly when Playwright or Firefox changes so
 * that the shim is no longer needed, no longer hit, or no longer enough.
 */
export const SHIMMED_COMMAND = 'emulation.setMediaFeaturesOverride';

interface Transport {
  send(message: unknown): void;
  onmessage?: (message: unknown) => void;
}

interface Shim {
  /** Commands answered locally so far, in this worker. */
  answered: number;
  /** Off only in the canary test, to see Firefox refuse the command on its own. */
  active: boolean;
}

export const shim: Shim = { answered: 0, active: true };

function isShimmed(message: unknown): message is { id: number; method: string } {
  return (
    typeof message === 'object' &&
    message !== null &&
    'method' in message &&
    message.method === SHIMMED_COMMAND &&
    'id' in message &&
    typeof message.id === 'number'
  );
}

function transportPrototype(): Transport {
  // Playwright keeps its server side in one bundle; the transport class is exported there.
  const core: unknown = createRequire(import.meta.url)('playwright-core/lib/coreBundle');
  const server = typeof core === 'object' && core !== null && 'server' in core ? core.server : null;
  const transport = typeof server === 'object' && server !== null && 'WebSocketTransport' in server ? server.WebSocketTransport : null;
  const proto: unknown = typeof transport === 'function' ? (transport as { prototype: unknown }).prototype : null;
  if (typeof proto !== 'object' || proto === null || !('send' in proto) || typeof proto.send !== 'function') {
    throw new Error("Firefox BiDi shim: Playwright's WebSocketTransport.send is no longer where it was; update e2e/engines/firefox-bidi-shim.ts");
  }
  return proto as Transport;
}

const INSTALLED = Symbol.for('okaylive.firefoxBidiShim');

function install(): void {
  const proto = transportPrototype();
  const marked = proto as Transport & { [INSTALLED]?: true };
  if (marked[INSTALLED]) return;
  const send = proto.send;
  proto.send = function (this: Transport, message: unknown) {
    if (shim.active && isShimmed(message)) {
      shim.answered++;
      // Answered asynchronously, as the browser would: the caller's promise is registered first.
      setImmediate(() => this.onmessage?.({ type: 'success', id: message.id, result: {} }));
      return;
    }
    send.call(this, message);
  };
  marked[INSTALLED] = true;
}

install();
