import { isRawJson } from './raw-json.ts';

export type PathSegment = string | number;

/**
 * Parses a response path: dot-separated keys with `[n]` indexes —
 * `data.items[0].name`, `items[0].id`, `[0].id` (top-level array),
 * `matrix[1][0]`. Keys are any characters except `.`, `[` and `]`.
 * Returns undefined when the syntax is wrong (`a..b`, `.a`, `a.`, `a[x]`).
 * The empty path means the whole document.
 */
export function parsePath(path: string): PathSegment[] | undefined {
  const token = /\[(\d+)\]|(\.)?([^.[\]]+)/y;
  const segments: PathSegment[] = [];
  let position = 0;
  while (position < path.length) {
    token.lastIndex = position;
    const match = token.exec(path);
    if (!match) return undefined;
    if (match[1] !== undefined) {
      segments.push(Number(match[1]));
    } else {
      // A key needs a dot before it, except as the very first segment.
      const hasDot = match[2] !== undefined;
      if (hasDot === (segments.length === 0)) return undefined;
      segments.push(match[3]);
    }
    position = token.lastIndex;
  }
  return segments;
}

// An endpoint's mapping paths are parsed on every call: remember them (the tenant's few dozen).
const parsed = new Map<string, readonly PathSegment[] | undefined>();
const MAX_PARSED = 5_000;

function parsedPath(path: string): readonly PathSegment[] | undefined {
  if (parsed.has(path)) return parsed.get(path);
  const segments = parsePath(path);
  if (parsed.size >= MAX_PARSED) parsed.clear();
  parsed.set(path, segments);
  return segments;
}

/**
 * Reads `path` from a parsed JSON document; undefined when any step is absent
 * (a `null` value that is present is returned as null). Only own properties
 * are followed, so `constructor` or `__proto__` never reach prototypes.
 * On arrays a numeric key works like an index (`items.0.id`).
 */
export function getPath(value: unknown, path: string): unknown {
  const segments = parsedPath(path);
  if (segments === undefined) return undefined;
  let current: unknown = value;
  for (const segment of segments) {
    current = step(current, segment);
    if (current === undefined) return undefined;
  }
  return current;
}

function step(current: unknown, segment: PathSegment): unknown {
  if (current === null || typeof current !== 'object' || isRawJson(current)) return undefined;
  const key = String(segment);
  if (Array.isArray(current)) {
    if (!/^\d+$/.test(key)) return undefined;
    const index = Number(key);
    return index < current.length ? current[index] : undefined;
  }
  return Object.hasOwn(current, key) ? (current as Record<string, unknown>)[key] : undefined;
}
