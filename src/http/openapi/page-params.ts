import type { z } from 'zod';

type JsonSchema = Record<string, unknown>;

const PAGE_PARAMS = ['limit', 'offset'] as const;

/**
 * `limit` and `offset` arrive as query text, so the zod transform documents them as a digit
 * pattern. Clients need the numbers: each list's default, minimum and maximum. They are read from
 * the route's own query schema by parsing probe values (page-query.ts: a missing value takes the
 * default, one above the maximum is lowered to it, one below the minimum is refused), so the
 * document cannot drift from how each route really clamps.
 */
export function documentPageParams(querystring: unknown, json: unknown): unknown {
  const properties = (json as { properties?: Record<string, JsonSchema> } | undefined)?.properties;
  if (!properties || !isZodSchema(querystring)) return json;
  const documented = { ...properties };
  for (const name of PAGE_PARAMS) {
    if (!properties[name]) continue;
    const bounds = probeBounds(querystring, name);
    if (bounds) documented[name] = describeParam(name, bounds);
  }
  return { ...(json as JsonSchema), properties: documented };
}

interface Bounds {
  fallback: number;
  minimum: number;
  maximum: number;
}

function probeBounds(schema: z.ZodType, name: string): Bounds | undefined {
  const parsed = (value?: string) => {
    const result = schema.safeParse(value === undefined ? {} : { [name]: value });
    const n = result.success ? (result.data as Record<string, unknown>)[name] : undefined;
    return typeof n === 'number' ? n : undefined;
  };
  const fallback = parsed();
  const maximum = parsed(String(Number.MAX_SAFE_INTEGER));
  // Every list starts at 0 (offset) or 1 (limit).
  const minimum = [0, 1].find((n) => parsed(String(n)) === n);
  if (fallback === undefined || maximum === undefined || minimum === undefined) return undefined;
  return { fallback, minimum, maximum };
}

function describeParam(name: string, { fallback, minimum, maximum }: Bounds): JsonSchema {
  const unbounded = maximum === Number.MAX_SAFE_INTEGER;
  return {
    type: 'integer',
    minimum,
    ...(unbounded ? {} : { maximum }),
    default: fallback,
    description:
      name === 'limit'
        ? `How many items to return (default ${fallback}); a larger value is lowered to ${maximum}`
        : `How many items to skip (default ${fallback})`,
  };
}

function isZodSchema(value: unknown): value is z.ZodType {
  return typeof (value as { safeParse?: unknown } | undefined)?.safeParse === 'function';
}
