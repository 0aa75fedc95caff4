import { z } from 'zod';

/**
 * A whole-number query parameter: non-numeric or below `min` is a 400, above `max` is clamped
 * (seed 004: "default 20, max 100"). Every list route pages this way.
 */
export function pageParam(name: string, fallback: number, min: number, max: number) {
  return (
    z
      .string()
      .regex(/^-?\d+$/, `${name} must be a whole number`)
      // Any number of digits: a huge limit is lowered to the maximum like any other above it.
      .transform(Number)
      .refine((n) => n >= min, `${name} must be at least ${min}`)
      .transform((n) => Math.min(n, max))
      .optional()
      .transform((n) => n ?? fallback)
  );
}

/** `limit` (default `defaultLimit`, clamped to `maxLimit`) and `offset` (default 0). */
export function pageQuery(defaultLimit: number, maxLimit: number) {
  return z.object({
    limit: pageParam('limit', defaultLimit, 1, maxLimit),
    offset: pageParam('offset', 0, 0, Number.MAX_SAFE_INTEGER),
  });
}

/**
 * Small collections (widgets, operators, API keys, webhooks, templates) are read whole and paged
 * in memory; the default page holds them all in any realistic account.
 */
export const smallListQuery = pageQuery(200, 200);

export function pageOf<T>(items: readonly T[], page: { limit: number; offset: number }) {
  return {
    data: items.slice(page.offset, page.offset + page.limit),
    meta: { limit: page.limit, offset: page.offset, total: items.length },
  };
}
