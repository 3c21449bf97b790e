import { createRequire } from 'node:module';

/**
 * Firefox ESR under Playwright's WebDriver-BiDi channel: Playwright sends
 * `emulation.setMediaFeaturesOverride` when it creates every context (to apply
 * `colorScheme`), and Firefox ESR 153 does not know that command, so `browser.newContext()`
 * fails with "unknown command". It is the only command Playwright sends that ESR lacks.
 *
 * This shim answers that one command locally, with an empty success, and passes every other
 * message through untouched. The price: `colorScheme` / `page.emulateMedia` have no effect
 * in these Firefox projects (no check here relies on them).
 *
 * Older ESR releases (140, Debian 12's) also lack `network.addDataCollector` (sent at launch,
 * so that `response.body()` works), `browser.setDownloadBehavior` and several `emulation.`
 * overrides (screen orientation, locale, time zone…) sent with each context. Those go to
 * Firefox as usual; only an "unknown command" answer is turned into a success, so a Firefox
 * that knows them is untouched, and one that does not runs without response bodies,
 * downloads and those overrides (no Firefox check here uses any of them). It patches Playwright's
 * WebSocket transport in this test worker only; it is installed on import by the Firefox
 * specs. e2e/engines/firefox-shim.spec.ts fails loudly when Playwright or Firefox changes so
 * that the shim is no longer needed, no longer hit, or no longer enough.
 */
export const SHIMMED_COMMAND = 'emulation.setMediaFeaturesOverride';

interface Transport {
  send(message: unknown): void;
  onmessage?: (message: unknown) => void;
}

/** Tolerated as no-ops where Firefox does not know them (see above): these, and every `emulation.` override. */
export const TOLERATED_COMMANDS: ReadonlySet<string> = new Set([
  'network.addDataCollector',
  'browser.setDownloadBehavior',
]);
const TOLERATED_PREFIX = 'emulation.';

interface Shim {
  /** Commands answered locally so far, in this worker. */
  answered: number;
  /** Refusals of TOLERATED_COMMANDS turned into successes, in this worker. */
  tolerated: number;
  /** Off only in the canary test, to see Firefox refuse SHIMMED_COMMAND on its own. */
  active: boolean;
}

export const shim: Shim = { answered: 0, tolerated: 0, active: true };

function isCommand(message: unknown, method: string): message is { id: number; method: string } {
  return (
    typeof message === 'object' &&
    message !== null &&
    'method' in message &&
    message.method === method &&
    'id' in message &&
    typeof message.id === 'number'
  );
}

function isTolerated(message: unknown): message is { id: number; method: string } {
  return (
    typeof message === 'object' &&
    message !== null &&
    'method' in message &&
    typeof message.method === 'string' &&
    (TOLERATED_COMMANDS.has(message.method) || message.method.startsWith(TOLERATED_PREFIX)) &&
    'id' in message &&
    typeof message.id === 'number'
  );
}

function isUnknownCommand(message: unknown, ids: ReadonlySet<number>): message is { id: number } {
  return (
    typeof message === 'object' &&
    message !== null &&
    'type' in message &&
    message.type === 'error' &&
    'error' in message &&
    message.error === 'unknown command' &&
    'id' in message &&
    typeof message.id === 'number' &&
    ids.has(message.id)
  );
}

const WRAPPED = Symbol.for('okaylive.firefoxBidiShim.receive');

/** Turns Firefox's "unknown command" answer to a tolerated command into a success. */
function tolerate(transport: Transport & { [WRAPPED]?: Set<number> }, id: number): void {
  let ids = transport[WRAPPED];
  if (!ids) {
    const waiting = new Set<number>();
    const receive = transport.onmessage;
    transport.onmessage = (message: unknown) => {
      if (isUnknownCommand(message, waiting)) {
        waiting.delete(message.id);
        shim.tolerated++;
        receive?.({ type: 'success', id: message.id, result: {} });
        return;
      }
      receive?.(message);
    };
    transport[WRAPPED] = waiting;
    ids = waiting;
  }
  ids.add(id);
}

function transportPrototype(): Transport {
  // Playwright keeps its server side in one bundle; the transport class is exported there.
  const core: unknown = createRequire(import.meta.url)('playwright-core/lib/coreBundle');
  const server = typeof core === 'object' && core !== null && 'server' in core ? core.server : null;
  const transport =
    typeof server === 'object' && server !== null && 'WebSocketTransport' in server ? server.WebSocketTransport : null;
  const proto: unknown = typeof transport === 'function' ? (transport as { prototype: unknown }).prototype : null;
  if (typeof proto !== 'object' || proto === null || !('send' in proto) || typeof proto.send !== 'function') {
    throw new Error(
      "Firefox BiDi shim: Playwright's WebSocketTransport.send is no longer where it was; update e2e/engines/firefox-bidi-shim.ts",
    );
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
    // Tolerated whether or not the local answer is on: the canary turns only that one off.
    if (isTolerated(message) && message.method !== SHIMMED_COMMAND) tolerate(this, message.id);
    if (shim.active && isCommand(message, SHIMMED_COMMAND)) {
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
