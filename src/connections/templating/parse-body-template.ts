import { parseJsonPreservingBigInts } from '../mapping/parse-json-preserving-big-ints.ts';
import { PLACEHOLDER_NAME } from './find-placeholders.ts';

export type ParsedBodyTemplate =
  | { ok: true; tree: unknown; slots: ReadonlyMap<string, string> }
  | { ok: false; message: string };

/**
 * Parses a JSON body template into a tree, so that values are later inserted
 * into the tree and serialised by JSON.stringify — never spliced into text,
 * which is how `"},"admin":true,"x":{"` could break out of a string.
 *
 * Placeholders inside JSON strings (`"Hi {name}"`, `"{qty}"`) are left in the
 * strings for the renderer. A placeholder outside any string (`{"qty": {qty}}`
 * is not JSON) is first replaced by a string holding a unique slot marker —
 * `"@@parley-slot-<random uuid>-<n>"` — and the marker → variable map is
 * returned. A random UUID per parse means no template text can forge a slot.
 * Numbers in the template keep their exact source text (raw-JSON markers).
 */
export function parseBodyTemplate(template: string): ParsedBodyTemplate {
  const prefix = `@@parley-slot-${globalThis.crypto.randomUUID()}-`;
  const slots = new Map<string, string>();
  const placeholder = new RegExp(`\\{(${PLACEHOLDER_NAME})\\}`, 'y');
  let json = '';
  let inString = false;
  let index = 0;
  while (index < template.length) {
    const char = template[index];
    if (inString) {
      // Copy an escape pair whole so `\"` doesn't end the string.
      const width = char === '\\' ? 2 : 1;
      json += template.slice(index, index + width);
      if (char === '"') inString = false;
      index += width;
      continue;
    }
    placeholder.lastIndex = index;
    const match = char === '{' ? placeholder.exec(template) : null;
    if (match) {
      const slot = `${prefix}${slots.size}`;
      slots.set(slot, match[1]);
      json += JSON.stringify(slot);
      index = placeholder.lastIndex;
      continue;
    }
    if (char === '"') inString = true;
    json += char;
    index += 1;
  }
  try {
    return { ok: true, tree: parseJsonPreservingBigInts(json), slots };
  } catch (error) {
    const detail =
      error instanceof Error && !error.message.includes('@@parley-slot') ? `: ${error.message}` : '';
    return {
      ok: false,
      message: `The body template is not valid JSON once placeholders are filled in${detail}`,
    };
  }
}
