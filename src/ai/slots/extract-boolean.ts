import type { MessageText, SlotCandidate } from './message-text.ts';

const YES = new Set([
  'yes',
  'yeah',
  'yep',
  'yup',
  'sure',
  'correct',
  'right',
  'ok',
  'okay',
  'true',
  'y',
  'please',
  'definitely',
  'absolutely',
  'ja',
  'oui',
  'si',
  'sí',
]);
const NO = new Set(['no', 'nope', 'nah', 'false', 'n', 'not', "don't", 'dont', 'never', 'nein', 'non']);

/**
 * A yes or no at the start of the answer ("Yes please", "no thanks"). Only used for the field the
 * visitor was just asked about: a "no" elsewhere in a sentence means too many things.
 */
export function extractBoolean(text: MessageText): SlotCandidate | undefined {
  const first = /^\s*([\p{L}']+)/u.exec(text.text);
  if (!first) return undefined;
  const word = first[1].toLowerCase();
  const index = first.index + first[0].length - first[1].length;
  if (YES.has(word)) return { raw: 'true', index, length: first[1].length };
  if (NO.has(word)) return { raw: 'false', index, length: first[1].length };
  return undefined;
}
