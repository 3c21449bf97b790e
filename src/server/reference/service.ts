import type { IncomingMessage, ServerResponse } from 'node:http';
import { readUpload } from '../multipart.ts';
import { contractError, sendJson } from '../respond.ts';
import { analyse } from './analyse.ts';
import { sniffImage } from './image.ts';
import type { JourneyStore } from './journeys.ts';

/** The local OkayLive stand-in: same routes, same validation, same answer shapes. */
export function createReferenceRoutes(journeys: JourneyStore) {
  return {
    journeyId(_req: IncomingMessage, res: ServerResponse): void {
      sendJson(res, 200, { status: 'success', message: 'api.success', journeyId: journeys.create() });
    },

    async okaylive(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const result = await readUpload(req);
      if (!result.ok) {
        sendJson(res, result.rejection.status, contractError(result.rejection.message));
        return;
      }
      const { upload } = result;
      if (!journeys.isValid(upload.journeyId)) {
        sendJson(res, 400, contractError('INVALID_JOURNEY_ID'));
        return;
      }
      if (sniffImage(upload.image) === null) {
        sendJson(res, 400, contractError('UNRECOGNIZED_IMAGE'));
        return;
      }
      try {
        const { probability, quality, score } = await analyse(upload.image);
        sendJson(res, 200, { status: 'success', messageCode: 'api.success', probability, score, quality });
      } catch {
        sendJson(res, 400, contractError('Failed to decode image'));
      }
    },
  };
}
