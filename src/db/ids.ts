import crypto from 'node:crypto';

// Random bits drawn 4 KiB at a time: crypto.getRandomValues per id (what `uuid` does) was a
// visible share of the message pipeline's CPU (five or six ids per answered message).
let pool = Buffer.alloc(0);
let offset = 0;
let lastMs = -1;
let sequence = 0;

function randomBytes(n: number): Buffer {
  if (offset + n > pool.length) {
    pool = crypto.randomBytes(4096);
    offset = 0;
  }
  offset += n;
  return pool.subarray(offset - n, offset);
}

/**
 * UUIDv7 (RFC 9562 §5.7): 48-bit ms time, then a 12-bit sequence that counts up within a
 * millisecond (§6.2 method 1), then 62 random bits — so new rows append to indexes and the ids
 * one process makes sort in creation order.
 */
export function newId(now = Date.now()): string {
  let ms = now;
  if (ms <= lastMs) {
    ms = lastMs;
    sequence++;
    if (sequence > 0xfff) {
      ms = ++lastMs;
      sequence = 0;
    }
  } else {
    sequence = randomBytes(2).readUInt16BE(0) & 0x7ff; // leaves room to count up
  }
  lastMs = ms;
  const time = ms.toString(16).padStart(12, '0');
  const tail = randomBytes(8);
  const variant = ((tail[0] & 0x3f) | 0x80).toString(16); // RFC 9562 variant bits
  const rest = tail.toString('hex', 1);
  const seq = (0x7000 | sequence).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8)}-${seq}-${variant}${rest.slice(0, 2)}-${rest.slice(2)}`;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => uuidPattern.test(value);

/** UUIDs are case-insensitive (RFC 9562 §4) but stored in lower case: an upper-case one must still name the row. */
export const lowerCaseUuid = (value: string): string => (isUuid(value) ? value.toLowerCase() : value);
