import type { Readable } from 'node:stream';
import { OutboundError } from './outbound-error.ts';

/**
 * Reads a response body into memory, never holding more than `maxBytes`: a
 * declared Content-Length over the cap fails before reading, and a streamed
 * body fails on the chunk that crosses it. Destroying undici's body stream
 * mid-response aborts the request and closes the connection, so the rest is
 * never downloaded. (Plain events rather than `for await`: this is on the hot
 * path of every call and the async iterator costs measurably more.)
 */
export function readCappedBody(
  body: Readable,
  maxBytes: number,
  contentLength: string | undefined,
): Promise<Buffer> {
  if (contentLength !== undefined && Number(contentLength) > maxBytes) {
    abandon(body);
    return Promise.reject(tooLarge(maxBytes));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    body.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        abandon(body);
        reject(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    });
    body.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)));
    body.on('error', reject);
  });
}

// Destroying an unfinished undici body emits an AbortError; nobody needs it
// any more, so swallow it rather than crash the process.
function abandon(body: Readable): void {
  body.on('error', () => {});
  body.destroy();
}

function tooLarge(maxBytes: number): OutboundError {
  return new OutboundError(
    'TOO_LARGE',
    `response larger than ${maxBytes} bytes (PARLEY_OUTBOUND_MAX_BYTES); ask the API for less data, e.g. a smaller page`,
  );
}
