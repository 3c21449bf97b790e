import { socketOf } from './socket.ts';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What the client actually got, for the request's log line. */
export interface RequestEnd {
  status: number;
  /** The whole answer was handed to the connection. */
  completed: boolean;
  /** Why a request got no answer from us; absent when it did. */
  cut?: 'REQUEST_TIMEOUT' | 'CLIENT_CLOSED_REQUEST';
}

/** nginx's status for a request whose client went away before the answer: no status went out. */
export const CLIENT_CLOSED = 499;

function isRequestTimeout(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
}

/**
 * Calls back once the response is over. `res.statusCode` alone says 200 for a request nobody
 * answered: Node's request timeout writes its 408 straight to the socket (an error on it is
 * the only trace), and a client that hangs up leaves the default in place.
 */
export function onRequestEnd(req: IncomingMessage, res: ServerResponse, callback: (end: RequestEnd) => void): void {
  const socket = socketOf(req);
  let timedOut = false;
  const onSocketError = (error: unknown): void => {
    if (isRequestTimeout(error)) timedOut = true;
  };
  socket?.on('error', onSocketError);
  res.once('close', () => {
    socket?.removeListener('error', onSocketError);
    if (res.writableFinished) return callback({ status: res.statusCode, completed: true });
    if (timedOut) return callback({ status: 408, completed: false, cut: 'REQUEST_TIMEOUT' });
    callback({ status: CLIENT_CLOSED, completed: false, cut: 'CLIENT_CLOSED_REQUEST' });
  });
}
