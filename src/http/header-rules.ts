/**
 * What an outbound HTTP header may hold. The guarded fetch refuses anything else at call time,
 * and the connection and endpoint schemas refuse it at save time, so a saved value never makes
 * every call fail.
 */

/** RFC 9110 §5.1: a field name is a token. */
export const headerNamePattern = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * RFC 9110 §5.5: a field value is visible ASCII, spaces, tabs and obs-text (0x80–0xFF). CR and LF
 * would end the header and start another (header injection); undici throws on the other controls
 * and on anything beyond Latin-1, since header values go out as bytes.
 */
export const invalidHeaderValueChar = /[^\t\x20-\x7e\x80-\xff]/u;

/**
 * Framing and routing headers belong to the HTTP client: a caller-set Host or Transfer-Encoding
 * could smuggle requests or reach another virtual host.
 */
export const clientControlledHeaders: ReadonlySet<string> = new Set([
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'proxy-connection',
  'upgrade',
  'te',
  'trailer',
  'expect',
]);
