/** A key the mapping path syntax can name (`a.b[0]` — no dots or brackets inside a key). */
export const isPathKey = (key: string) => key !== '' && !/[.[\]]/.test(key);

/** Appends a key or index to a response path: `data` + `items` → `data.items`, + 0 → `data.items[0]`. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

/**
 * A session-variable name for a response path: its last key (`data.items[0].name` → `name`,
 * `data.tags[1]` → `tags_1`), made a valid variable name and unique among `taken`.
 */
export function variableNameFor(path: string, taken: readonly string[]): string {
  const match = /([^.[\]]*)((?:\[\d+\])*)$/.exec(path);
  // A top-level array element (`[0]`) has no key to name it after.
  let base = (match?.[1] || 'item') + (match?.[2] ?? '').replace(/\[(\d+)\]/g, '_$1');
  base = base.replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[A-Za-z_]/.test(base)) base = `v_${base}`;
  let name = base;
  for (let n = 2; taken.includes(name); n++) name = `${base}_${n}`;
  return name;
}
