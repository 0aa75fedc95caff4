import type { GuardedResponse } from '../http/guarded-fetch/guarded-fetch.ts';
import { type CallError, callError, httpErrorPublicMessage } from './call-error.ts';
import type { LoadedEndpoint } from './endpoints.repository.ts';
import { mapParsedResponse } from './mapping/map-response.ts';
import { parseEndpointBody } from './parse-endpoint-body.ts';
import { type ValidationOutcome, validateResponse } from './validation/validate-response.ts';

export interface MapStepResult {
  ok: boolean;
  mapped: Record<string, string>;
  /** Mapping paths the response did not contain. */
  unmapped: string[];
  validation: ValidationOutcome;
  /** The body as JSON (big integers exact) when it parses, else its text. */
  body: unknown;
  error?: CallError;
}

const passed: ValidationOutcome = { passed: true, errors: [] };

/**
 * Step 3 of a call: parse once, run the validations, and only then map. A
 * failed validation yields nothing but its errorMessage (mapped stays empty),
 * so no response data reaches a visitor or a model unless it passed.
 */
export function mapEndpointResponse(
  endpoint: LoadedEndpoint,
  response: GuardedResponse,
  variables: Readonly<Record<string, unknown>>,
): MapStepResult {
  const parsed = parseEndpointBody(response.body, response.headers['content-type']);
  const body = parsed.ok ? parsed.value : response.body.toString('utf8');
  const empty = { mapped: {}, unmapped: [], body };
  if (response.status < 200 || response.status > 299) {
    const error = callError(
      'HTTP_ERROR',
      `The API answered HTTP ${response.status}`,
      httpErrorPublicMessage(response.status),
    );
    return { ok: false, ...empty, validation: passed, error };
  }
  const needsJson = endpoint.responseMapping.length > 0 || endpoint.validations.length > 0;
  if (!needsJson) return { ok: true, ...empty, validation: passed };
  // A 2xx without a body (204 No Content, or an empty 200) is a success that has nothing to
  // map: every mapping path is absent, and validations, which fail closed, fail.
  if (!parsed.ok && !isEmptyBody(response.body)) {
    return { ok: false, ...empty, validation: passed, error: callError('INVALID_RESPONSE', parsed.error) };
  }
  const document = parsed.ok ? parsed.value : undefined;
  const validation = validateResponse(document, endpoint.validations, variables);
  if (!validation.passed) {
    const message = validation.errors[0].message;
    return { ok: false, ...empty, validation, error: callError('VALIDATION_FAILED', message, message) };
  }
  const { mapped, missing } = mapParsedResponse(document, endpoint.responseMapping);
  return { ok: true, mapped, unmapped: missing, validation, body };
}

/** Nothing but whitespace (and a byte order mark), as parseResponseBody reads it. */
function isEmptyBody(body: Buffer): boolean {
  return (
    body
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim() === ''
  );
}
