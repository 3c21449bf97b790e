import { describe, expect, it } from 'vitest';
import { sanitizeUpstreamBody } from './sanitize.ts';

describe('what of an upstream answer reaches the browser', () => {
  it.each([
    [
      'success',
      { status: 'success', messageCode: 'api.success', probability: 0.99, score: 9.6, quality: 0.66, node: 'sg-3' },
      { status: 'success', messageCode: 'api.success', probability: 0.99, score: 9.6, quality: 0.66 },
    ],
    [
      'journey',
      { status: 'success', message: 'api.success', journeyId: '7851b4e3-1111-4222-8333-444455556666', server: 'x' },
      { status: 'success', message: 'api.success', journeyId: '7851b4e3-1111-4222-8333-444455556666' },
    ],
    [
      'a face code in a 200',
      { status: 'error', messageCode: null, message: 'EYES_CLOSED' },
      { status: 'error', messageCode: null, message: 'EYES_CLOSED' },
    ],
    [
      'a vendor sentence',
      { status: 'error', message: 'Request size exceed 5MB' },
      { status: 'error', message: 'Request size exceed 5MB' },
    ],
    [
      'free text that names internals',
      {
        status: 'error',
        messageCode: 'see http://10.1.2.3/trace',
        message: 'java.net.ConnectException: db-7.internal:5432',
      },
      { status: 'error', messageCode: null, message: 'UNEXPECTED_ERROR' },
    ],
    [
      'numbers that are not numbers',
      { status: 'success', probability: '0.9', score: null, quality: Number.NaN },
      { status: 'success' },
    ],
    ['an odd journeyId', { status: 'success', journeyId: '../../admin' }, { status: 'success' }],
    ['the vendor 500', { status: 'Internal Server Error' }, { status: 'Internal Server Error' }],
    [
      'a Java class name as messageCode',
      { status: 'error', messageCode: 'java.lang.NullPointerException', message: 'UNEXPECTED_ERROR' },
      { status: 'error', messageCode: null, message: 'UNEXPECTED_ERROR' },
    ],
    [
      'a Java class name as message',
      { status: 'error', messageCode: null, message: 'java.lang.NullPointerException' },
      { status: 'error', messageCode: null, message: 'UNEXPECTED_ERROR' },
    ],
    [
      'a dotted internal key',
      { status: 'error', messageCode: 'db.pool.exhausted', message: 'db.pool.exhausted' },
      { status: 'error', messageCode: null, message: 'UNEXPECTED_ERROR' },
    ],
    [
      'a code-shaped word that is not in the contract',
      { status: 'error', messageCode: null, message: 'ORACLE_TIMEOUT_NODE_7' },
      { status: 'error', messageCode: null, message: 'UNEXPECTED_ERROR' },
    ],
    [
      'every general code passes',
      { status: 'error', messageCode: null, message: 'MAX_JOURNEY_EXCEEDED' },
      { status: 'error', messageCode: null, message: 'MAX_JOURNEY_EXCEEDED' },
    ],
    [
      'the vendor sentence for a bad image',
      { status: 'error', messageCode: null, message: 'Failed to decode image' },
      { status: 'error', messageCode: null, message: 'Failed to decode image' },
    ],
  ])('%s', (_name, body, expected) => {
    expect(sanitizeUpstreamBody(body)).toEqual(expected);
  });

  it.each([[null], [[1, 2]], ['text'], [{ status: 'weird' }], [{}]])('%j is not an OkayLive answer', (body) => {
    expect(sanitizeUpstreamBody(body)).toBeNull();
  });
});
