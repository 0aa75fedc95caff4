import crypto from 'node:crypto';

// Random hex drawn 8 KiB of digits at a time: crypto.getRandomValues per id (what `uuid` does)
// was a visible share of the message pipeline's CPU (five or six ids per answered message).
let pool = '';
let offset = 0;
let lastMs = -1;
let sequence = 0;
let timePrefix = '';
let prefixMs = -1;

function randomHex(digits: number): string {
  if (offset + digits > pool.length) {
    pool = crypto.randomBytes(4096).toString('hex');
    offset = 0;
  }
  offset += digits;
  return pool.slice(offset - digits, offset);
}

const VARIANT = '89ab'; // RFC 9562 variant bits 10, then two random bits

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
    sequence = Number.parseInt(randomHex(3), 16) & 0x7ff; // leaves room to count up
  }
  if (ms !== prefixMs) {
    prefixMs = ms;
    const time = ms.toString(16).padStart(12, '0');
    timePrefix = `${time.slice(0, 8)}-${time.slice(8)}-`;
  }
  lastMs = ms;
  const random = randomHex(16);
  const variant = VARIANT[Number.parseInt(random[0], 16) & 3];
  return `${timePrefix}${(0x7000 | sequence).toString(16)}-${variant}${random.slice(1, 4)}-${random.slice(4)}`;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => uuidPattern.test(value);

/** UUIDs are case-insensitive (RFC 9562 §4) but stored in lower case: an upper-case one must still name the row. */
export const lowerCaseUuid = (value: string): string => (isUuid(value) ? value.toLowerCase() : value);
