const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_.-]*)\}/y;

/**
 * Checks a JSON body template the way the server reads it: `{name}` outside a JSON string stands
 * for a typed value, so it is swapped for a string before parsing. Returns an error or null.
 */
export function checkBodyTemplate(template: string): string | null {
  if (template.trim() === '') return null;
  let json = '';
  let inString = false;
  let index = 0;
  while (index < template.length) {
    const char = template[index];
    if (inString) {
      const width = char === '\\' ? 2 : 1;
      json += template.slice(index, index + width);
      if (char === '"') inString = false;
      index += width;
      continue;
    }
    PLACEHOLDER.lastIndex = index;
    const match = char === '{' ? PLACEHOLDER.exec(template) : null;
    if (match) {
      json += '"slot"';
      index = PLACEHOLDER.lastIndex;
      continue;
    }
    if (char === '"') inString = true;
    json += char;
    index += 1;
  }
  try {
    JSON.parse(json);
    return null;
  } catch (error) {
    return `Not valid JSON: ${(error as Error).message}`;
  }
}

/** Every `{variable}` used in the given templates, in order of first use. */
export function placeholdersIn(...templates: (string | null | undefined)[]): string[] {
  const names = new Set<string>();
  for (const template of templates) {
    for (const match of (template ?? '').matchAll(/\{([A-Za-z_][A-Za-z0-9_.-]*)\}/g)) names.add(match[1]);
  }
  return [...names];
}
