import { request } from 'node:http';

export interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** Body bytes the client managed to write before the answer (or the connection) ended. */
  sent: number;
}

export interface RawRequest {
  method?: string;
  headers?: Record<string, string>;
  /** One buffer, sent with a Content-Length, or a generator of chunks, sent chunked. */
  body?: Buffer | (() => Iterable<Buffer>);
  /** Sent as is, where a URL would normalise it (dot segments, encodings). */
  rawPath?: string;
}

/**
 * An HTTP request with exactly the bytes given, for bodies no well-behaved client would
 * build: broken multipart, bodies that never end, wrong content types.
 */
export function rawRequest(url: string, init: RawRequest = {}): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let writing = true;
    const target = new URL(url);
    // A fresh connection per request (agent: false): a broken request must not poison a pooled socket.
    const options = {
      host: target.hostname,
      port: target.port,
      path: init.rawPath ?? `${target.pathname}${target.search}`,
      method: init.method ?? 'POST',
      headers: init.headers ?? {},
      agent: false,
    };
    const req = request(options, (res) => {
      writing = false;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString('utf8'),
          sent,
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    // Once the answer is in, a reset while we are still sending is expected, not a failure.
    req.on('socket', (socket) => socket.on('error', () => undefined));
    const body = init.body;
    if (body === undefined) return void req.end();
    if (Buffer.isBuffer(body)) {
      req.setHeader('Content-Length', body.length);
      sent = body.length;
      return void req.end(body);
    }
    const chunks = body()[Symbol.iterator]();
    const pump = (): void => {
      while (writing) {
        const next = chunks.next();
        if (next.done) return void req.end();
        sent += next.value.length;
        if (!req.write(next.value)) return void req.once('drain', pump);
      }
    };
    pump();
  });
}

/** A multipart body written by hand, part by part, for shapes FormData will not produce. */
export function multipartBody(
  boundary: string,
  parts: { name: string; filename?: string; type?: string; data: Buffer | string }[],
  close = true,
): Buffer {
  const out: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename === undefined ? '' : `; filename="${part.filename}"`}`;
    const type = part.type ? `\r\nContent-Type: ${part.type}` : '';
    out.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`),
      Buffer.from(part.data),
      Buffer.from('\r\n'),
    );
  }
  if (close) out.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(out);
}
