import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * How often Node looks for connections past their header or request deadline. Its default (30 s)
 * let the documented 15 s and 60 s fire at up to 45 s and 90 s; at this interval they fire
 * within a quarter second of the figures.
 */
export const DEADLINE_CHECK_MS = 250;

export interface ConnectionLimits {
  /** All request headers must have arrived this long after the connection began sending them. */
  headersTimeoutMs: number;
  /** The whole request, body included, must have arrived within this. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** Open connections accepted; more are dropped on arrival. */
  maxConnections: number;
}

/** The production server's HTTP server: slow or stalled clients cannot hold a connection open past the limits. */
export function createHttpServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  limits: ConnectionLimits,
): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: DEADLINE_CHECK_MS,
    },
    handler,
  );
  // Each connection costs a file descriptor and buffers: past this many, new ones are dropped on arrival.
  server.maxConnections = limits.maxConnections;
  return server;
}
