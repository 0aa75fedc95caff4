import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type AppError, badRequest } from '../errors.ts';

type ParseJson = (
  request: FastifyRequest,
  body: string,
  done: (error: Error | null, value?: unknown) => void,
) => void;

export const UNSUPPORTED_CONTENT_TYPE = 'Unsupported Content-Type; send application/json.';

// JSON can only carry NUL as this escape (a raw control character is invalid JSON), and "0000" has no case.
const NUL_ESCAPE = '\\u0000';
const NUL_RULE = 'text may not contain the NUL character (\\u0000)';

/**
 * Fastify's JSON parser (secure-json-parse, prototype poisoning refused), with three changes:
 * - an empty body is no body: many HTTP clients send `Content-Type: application/json` on every request;
 * - a refused `__proto__`/`constructor` key is named, instead of "not valid JSON";
 * - a string or key holding NUL is refused on every route and database: PostgreSQL cannot store
 *   it in text or jsonb (SQLSTATE 22021/22P05), SQLite would. Only bodies with the escape are walked.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  // Every body here is JSON. Fastify's text/plain parser would hand a JSON text sent without its
  // content type (fetch's default for a string body) to the schema as one string, and the client
  // would read "expected object, received string" instead of what to change. An empty body is no
  // body whatever its type (`curl -d ''` sends a form type).
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    if ((body as string).length === 0) return done(null, undefined);
    done(badRequest(UNSUPPORTED_CONTENT_TYPE), undefined);
  });
  const parseJson = app.getDefaultJsonParser('error', 'error') as ParseJson;
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(null, undefined);
    parseJson(request, text, (error, value) => {
      if (error) return done(isValidJson(text) ? forbiddenKeys() : error, undefined);
      const nulAt = text.includes(NUL_ESCAPE) ? findNul(value) : undefined;
      if (nulAt) return done(nulError(nulAt), undefined);
      done(null, value);
    });
  });
}

/** Only called once secure-json-parse has refused the body: valid JSON then means a poisoning key. */
function isValidJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const forbiddenKeys = () => badRequest('The request body may not contain the keys __proto__ or constructor.');

function nulError(path: string[]): AppError {
  if (path.length === 0) return badRequest(`The request body may not contain the NUL character (\\u0000).`);
  // The path may itself be a key holding NUL: show it as the escape the client sent.
  const shown = path.map((part) => part.replaceAll('\0', NUL_ESCAPE)).join('.');
  return badRequest(`${shown}: ${NUL_RULE}`, [{ path: `body.${shown}`, message: NUL_RULE }]);
}

/** The path of the first string or key holding NUL; iterative, as a body may nest deeply. */
function findNul(root: unknown): string[] | undefined {
  const stack: Array<{ value: unknown; path: string[] }> = [{ value: root, path: [] }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { value, path } = next;
    if (path.at(-1)?.includes('\0')) return path;
    if (typeof value === 'string') {
      if (value.includes('\0')) return path;
    } else if (value !== null && typeof value === 'object') {
      const entries = Array.isArray(value) ? [...value.entries()] : Object.entries(value);
      // Pushed last to first, so that the body's first field is reported first.
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        stack.push({ value: child, path: [...path, String(key)] });
      }
    }
  }
  return undefined;
}
