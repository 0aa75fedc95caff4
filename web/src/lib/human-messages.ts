/**
 * Readable text for the API's validation details. The server validates with zod and reports its
 * default English messages ("Too small: expected string to have >=1 characters"); people should
 * read "Name is required." Messages the server wrote itself ("At least 10 characters") pass as
 * they are.
 */

// Words a field name is made of that are written differently in prose.
const words: Record<string, string> = { url: 'URL', id: 'ID', api: 'API', ai: 'AI', ms: '(ms)', uuid: 'ID' };
// The label of a list item: `conditions.0` is "Condition 1".
const singular: Record<string, string> = {
  branches: 'Branch',
  responseMapping: 'Mapping',
  queryParams: 'Query param',
};

/** `baseUrl` → "Base URL", `endpointId` → "Endpoint ID", `name` → "Name". */
export function labelOf(key: string): string {
  const text = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .split(' ')
    .filter(Boolean)
    .map((word) => words[word] ?? word)
    .join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Where a detail points, for a message away from its field: `conditions.0.pattern` → "Condition 1 › Pattern". */
export function placeOf(path: string): string {
  const parts = path.split('.').filter(Boolean);
  const out: string[] = [];
  parts.forEach((part, i) => {
    if (/^\d+$/.test(part)) return;
    const next = parts[i + 1];
    if (next !== undefined && /^\d+$/.test(next)) {
      const name = singular[part] ?? labelOf(part).replace(/s$/, '');
      out.push(`${name} ${Number(next) + 1}`);
    } else {
      out.push(labelOf(part));
    }
  });
  return out.join(' › ');
}

const quoted = (values: string) =>
  values
    .split('|')
    .map((v) => v.replace(/^"|"$/g, ''))
    .join(', ');

/**
 * The message of one detail as a sentence; `key` is the field's own name (the path's last word),
 * `shownAs` the label the form gives it when that is not the API's name for it.
 */
export function humanMessage(key: string, message: string, shownAs?: string): string {
  const label = shownAs ?? (key && !/^\d+$/.test(key) ? labelOf(key) : 'This field');
  const rules: [RegExp, (m: RegExpMatchArray) => string][] = [
    [/^Too small: expected string to have >=?1 characters?$/, () => `${label} is required.`],
    [/^Invalid input: expected \w+, received undefined$/, () => `${label} is required.`],
    [/^Too small: expected string to have >=(\d+) characters$/, (m) => `Use at least ${m[1]} characters.`],
    [/^Too big: expected string to have <=(\d+) characters$/, (m) => `Use at most ${m[1]} characters.`],
    [/^Too small: expected array to have >=1 items$/, () => 'Add at least one.'],
    [/^Too small: expected array to have >=(\d+) items$/, (m) => `Add at least ${m[1]}.`],
    [/^Too big: expected array to have <=(\d+) items$/, (m) => `Use at most ${m[1]}.`],
    [/^Too small: expected number to be >=(\S+)$/, (m) => `Use ${m[1]} or more.`],
    [/^Too small: expected number to be >(\S+)$/, (m) => `Use more than ${m[1]}.`],
    [/^Too big: expected number to be <=(\S+)$/, (m) => `Use ${m[1]} or less.`],
    [/^Too big: expected number to be <(\S+)$/, (m) => `Use less than ${m[1]}.`],
    [/^Invalid input: expected int, received number$/, () => 'Use a whole number.'],
    [/^Invalid input: expected number, received \w+$/, () => 'Enter a number.'],
    [/^Invalid input: expected string, received \w+$/, () => 'Enter text.'],
    [
      /^Invalid input: expected (\w+), received \w+$/,
      (m) => `Expected ${m[1] === 'array' ? 'a list' : `a ${m[1]}`}.`,
    ],
    [/^Invalid email address$/, () => 'Enter a valid email address, e.g. jane@example.com.'],
    [/^Invalid URL$/, () => 'Enter a full URL, e.g. https://api.example.com.'],
    [/^Invalid (UUID|GUID)$/, () => 'Choose one from the list.'],
    [/^Invalid option: expected one of (.+)$/, (m) => `Choose one of: ${quoted(m[1])}.`],
    [/^Invalid input: expected (".*")$/, (m) => `Use ${m[1]}.`],
    [/^Invalid string: must match pattern .*$/, () => `${label} is not in the expected format.`],
    [/^Invalid input$/, () => `${label} is not valid.`],
    // The server shows the auth JSON to send; the form has fields for it.
    [
      /^Put the credential "([^"]+)" in auth, not in baseUrl \(([^)]*)\): \{.*\}$/,
      (m) =>
        `Put the credential "${m[1]}" under Authentication, not in the base URL (${m[2]}): ` +
        `Auth type "API key", sent in a query parameter named "${m[1]}".`,
    ],
  ];
  for (const [pattern, write] of rules) {
    const match = message.match(pattern);
    if (match) return write(match);
  }
  return message;
}

/** A detail shown away from its field, with where it points: "Condition 1 › Pattern: Pattern is required." */
export function describeDetail(path: string, message: string): string {
  const key =
    path
      .split('.')
      .filter((p) => !/^\d+$/.test(p))
      .pop() ?? '';
  const human = humanMessage(key, message);
  if (!path) return human;
  const place = placeOf(path);
  // "Name: Name is required." says it twice.
  if (place === labelOf(key) && human.startsWith(place)) return human;
  return `${place}: ${human}`;
}
