import { toFetchResponse, toReqRes } from 'fetch-to-node';
import type { Middleware } from '../api.ts';
import { sendError } from '../http/respond.ts';
import { giveAddress } from '../http/socket.ts';

/** Headers about the connection: the host's server owns it, and Fetch runtimes refuse some of them. */
const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding'];

export interface FetchCall {
  /** The client's address, where the framework knows it: per-client limits count by it. */
  clientAddress?: string;
}

/**
 * The API for frameworks that speak the Fetch API (Next.js route handlers, Hono, …): the request
 * becomes Node's request and response (fetch-to-node), the API answers them, and what it wrote
 * becomes the Response. The body is buffered: the API's answers are small JSON.
 */
export function fetchFace(middleware: Middleware): (request: Request, call?: FetchCall) => Promise<Response> {
  return async (request, call = {}) => {
    const { req, res } = toReqRes(request);
    if (call.clientAddress) giveAddress(req, call.clientAddress);
    const answered = toFetchResponse(res);
    middleware(req, res, () => sendError(res, 404, 'NOT_FOUND'));
    const response = await answered;
    for (const name of HOP_BY_HOP) response.headers.delete(name);
    return response;
  };
}
