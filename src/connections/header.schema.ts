import { z } from 'zod';

/** RFC 9110 §5.1: a header name is a token. */
export const headerNameSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/, 'Not a valid HTTP header name (use letters, digits and -)');

/**
 * RFC 9110 §5.5: CR and LF would end the header and start another (header injection), and
 * no HTTP client sends NUL; refused on write so a saved value can never make every call fail.
 */
export const headerValueSchema = z
  .string()
  .max(4000)
  .regex(/^[^\r\n\0]*$/, 'Header values must not contain line breaks or NUL');

/** Static headers of a connection or an endpoint; an issue's path is the header's name. */
export const headersSchema = z
  .record(headerNameSchema, headerValueSchema, {
    // Zod's own words for a bad key are "Invalid key in record"; say what is wrong with the name.
    error: (issue) => (issue.code === 'invalid_key' ? issue.issues?.[0]?.message : undefined),
  })
  .refine((headers) => Object.keys(headers).length <= 50, 'At most 50 headers');
