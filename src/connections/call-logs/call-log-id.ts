import { newId } from '../../db/ids.ts';
import { toIso } from '../../db/time.ts';

/** A UUIDv7 for call-log rows (see newId: ids made in one process sort in creation order). */
export const newCallLogId = (now = Date.now()): string => newId(now);

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
