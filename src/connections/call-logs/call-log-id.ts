import crypto from 'node:crypto';
import { toIso } from '../../db/time.ts';

// Random bits drawn 4 KiB at a time: crypto.getRandomValues per id (what `uuid` does) was
// a visible share of an API call's CPU time.
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
 * A UUIDv7 (RFC 9562 §5.7) for call-log rows: 48-bit ms time, then a 12-bit
 * sequence that counts up within a millisecond (RFC 9562 §6.2 method 1), so ids
 * made in one process sort in creation order, then 62 random bits.
 */
export function newCallLogId(now = Date.now()): string {
  let ms = now;
  if (ms <= lastMs) {
    ms = lastMs;
    sequence++;
    if (sequence > 0xfff) {
      ms = ++lastMs;
      sequence = 0;
    }
  } else {
    sequence = randomBytes(2).readUInt16BE(0) & 0x7ff; // leave room to count up
  }
  lastMs = ms;
  const time = ms.toString(16).padStart(12, '0');
  const tail = randomBytes(8);
  tail[0] = (tail[0] & 0x3f) | 0x80; // RFC 9562 variant
  const rest = tail.toString('hex');
  const seq = (0x7000 | sequence).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8)}-${seq}-${rest.slice(0, 4)}-${rest.slice(4)}`;
}

let isoMs = -1;
let isoText = '';

/** nowIso, computed once per millisecond. */
export function callLogTime(now = Date.now()): string {
  if (now !== isoMs) {
    isoMs = now;
    isoText = toIso(new Date(now));
  }
  return isoText;
}
