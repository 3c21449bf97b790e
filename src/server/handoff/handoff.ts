import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HandoffConfig } from '../config/config.ts';
import type { Logger } from '../http/log.ts';
import type { StateStore } from '../store/store.ts';
import type { RouteContext } from '../upload/upload.ts';
import { phonePageHtml, sendPage } from './page.ts';
import { createHandoffRoutes, type Handler } from './routes.ts';
import { HandoffStore } from './store.ts';
import { createUploadBinding, isHandoffUpload } from './upload.ts';

export { HANDOFF_METHODS, PAGE_ROUTE } from './protocol.ts';

export interface HandoffOptions {
  config: HandoffConfig;
  store: StateStore;
  log: Logger;
  /** The API's prefix: the phone page's widget calls it. */
  apiBase: string;
  trustProxyHops: number;
  now?: () => number;
}

/** "Continue on your phone": what the API middleware mounts. */
export interface Handoff {
  /** The routes under the API prefix, by path. */
  routes: Record<string, Handler>;
  /** Whether `path` is the phone page this API serves (configured as a path, and switched on). */
  isPage(path: string): boolean;
  page: Handler;
  /** Whether an upload names a phone's key, and so belongs to a handoff. */
  isHandoffUpload(req: IncomingMessage): boolean;
  /** Binds such an upload to its handoff's journey; false once the client was answered instead. */
  bindUpload(req: IncomingMessage, res: ServerResponse, ctx: RouteContext): Promise<boolean>;
}

export function createHandoff(options: HandoffOptions): Handoff {
  const now = options.now ?? Date.now;
  const { config } = options;
  const handoffs = new HandoffStore(options.store, now);
  const html = phonePageHtml(options.apiBase);
  const servesPage = config.enabled && config.page.startsWith('/');
  return {
    routes: createHandoffRoutes({
      config,
      store: options.store,
      handoffs,
      log: options.log,
      now,
      trustProxyHops: options.trustProxyHops,
    }),
    isPage: (path) => servesPage && path === config.page,
    page: async (req, res, ctx) => {
      ctx.notes.outcome = 'page';
      sendPage(req, res, html);
    },
    isHandoffUpload,
    bindUpload: createUploadBinding({ enabled: config.enabled, handoffs, log: options.log, now }),
  };
}
