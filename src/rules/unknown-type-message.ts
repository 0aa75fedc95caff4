/** The 400 message for a condition or action whose `type` is missing or not one we know. */
export function unknownTypeMessage(kind: string, input: unknown, known: readonly string[]): string {
  const type = typeof input === 'object' && input !== null ? (input as { type?: unknown }).type : undefined;
  const expected = `expected one of ${known.join(', ')}`;
  return type === undefined
    ? `Every ${kind} needs a "type"; ${expected}`
    : `Unknown ${kind} type ${JSON.stringify(type)}; ${expected}`;
}
