/**
 * Typed access to `JSON.rawJSON` / `JSON.isRawJSON` (TC39 "JSON.parse source
 * text access", shipped in V8 11.4 / Node 21+; TypeScript's ES2023 lib does not
 * declare them yet).
 *
 * A raw-JSON value is a frozen marker object holding the exact source text of
 * a primitive; `JSON.stringify` writes that text verbatim. Parley uses it to
 * carry numbers such as 12345678901234567890 through parse → map → stringify
 * without losing digits.
 */
export type RawJson = { readonly rawJSON: string };

const json = JSON as unknown as {
  rawJSON(text: string): RawJson;
  isRawJSON(value: unknown): boolean;
};

export function rawJson(text: string): RawJson {
  return json.rawJSON(text);
}

export function isRawJson(value: unknown): value is RawJson {
  return json.isRawJSON(value);
}
