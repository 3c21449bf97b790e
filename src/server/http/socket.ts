import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

/**
 * A request served through the Fetch face (a `Request` turned into Node's request and response)
 * has no socket: the host's framework owns the connection, and its address comes with the call.
 */
const addresses = new WeakMap<IncomingMessage, string>();

/** The request's connection; null on the Fetch face. */
export function socketOf(req: IncomingMessage): Socket | null {
  // Node's types promise a socket; a request made from a Fetch Request has none.
  const socket: Socket | null | undefined = req.socket;
  return socket ?? null;
}

/** The client's address as the caller of the Fetch face gave it. */
export function giveAddress(req: IncomingMessage, address: string): void {
  addresses.set(req, address);
}

/** The client's address: the socket's, else the one given with a Fetch call. */
export function remoteAddress(req: IncomingMessage): string | undefined {
  return socketOf(req)?.remoteAddress ?? addresses.get(req);
}

/** Stops a request: its connection where this process holds one, else its body. */
export function cutRequest(req: IncomingMessage): void {
  const socket = socketOf(req);
  if (socket) socket.destroy();
  else req.destroy();
}
