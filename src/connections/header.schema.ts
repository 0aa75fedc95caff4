import { z } from 'zod';
import { clientControlledHeaders, headerNamePattern, invalidHeaderValueChar } from '../http/header-rules.ts';

export const CONTROL_CHARACTERS_MESSAGE = 'must not contain line breaks or control characters';

/** RFC 9110 §5.1: a header name is a token; the framing and routing headers are the HTTP client's. */
export const headerNameSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(headerNamePattern, 'Not a valid HTTP header name (use letters, digits and -)')
  .superRefine((name, ctx) => {
    if (clientControlledHeaders.has(name.toLowerCase())) {
      ctx.addIssue({
        code: 'custom',
        message: `${name} is set by the HTTP client on every call (from the URL and the body) and cannot be configured; remove it`,
      });
    }
  });

/**
 * RFC 9110 §5.5: CR and LF would end the header and start another (header injection), other
 * controls and characters beyond Latin-1 cannot be sent at all; refused on write so a saved value
 * can never make every call fail. In an endpoint's template only the static text is checked here:
 * values put into `{var}` are checked when the call is made.
 */
export const headerValueSchema = z.string().max(4000).superRefine(sendableInHeader);

/** Refinement for any value that goes out in an HTTP header (see headerValueSchema). */
export function sendableInHeader(value: string, ctx: z.RefinementCtx): void {
  const bad = invalidHeaderValueChar.exec(value)?.[0];
  if (bad === undefined) return;
  ctx.addIssue({
    code: 'custom',
    message:
      bad.charCodeAt(0) < 0x80
        ? CONTROL_CHARACTERS_MESSAGE
        : `must contain only Latin-1 characters: "${bad}" cannot be sent in an HTTP header (a pasted placeholder or a typographic character?)`,
  });
}

/** Static headers of a connection or an endpoint; an issue's path is the header's name. */
export const headersSchema = z
  .record(headerNameSchema, headerValueSchema, {
    // Zod's own words for a bad key are "Invalid key in record"; say what is wrong with the name.
    error: (issue) => (issue.code === 'invalid_key' ? issue.issues?.[0]?.message : undefined),
  })
  .refine((headers) => Object.keys(headers).length <= 50, 'At most 50 headers');

/**
 * Credentials: a control character splits the header that carries an API key or a bearer token,
 * and RFC 7617 §2 (Basic) and RFC 6749 Appendix A (OAuth2 client id, secret, scope) forbid them.
 */
export const withoutControlCharacters = (schema: z.ZodString) =>
  schema.regex(/^[^\u0000-\u001F\u007F]*$/, CONTROL_CHARACTERS_MESSAGE);
