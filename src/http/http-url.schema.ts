import { z } from 'zod';

/** An absolute http(s) URL without user:password, the only kind Parley calls out to. */
export function httpUrlSchema(message = 'Use an absolute http:// or https:// URL without credentials') {
  return z
    .string()
    .trim()
    .max(2000)
    .refine((raw) => {
      try {
        const url = new URL(raw);
        return (
          (url.protocol === 'http:' || url.protocol === 'https:') &&
          url.username === '' &&
          url.password === ''
        );
      } catch {
        return false;
      }
    }, message);
}
