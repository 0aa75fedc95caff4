import { ApiError, type ErrorDetail } from './api-client.ts';
import { describeDetail, humanMessage } from './human-messages.ts';

/** Errors of one form: a message for the whole form, and one per field path. */
export interface FormErrors {
  form: string | null;
  fields: Record<string, string>;
}

export const noErrors: FormErrors = { form: null, fields: {} };

/**
 * Normalises an API detail path to the form's field path: the route prefixes (`body.`, `query.`,
 * `params.`) go, array indexes stay dotted (`body.fields.0.name` → `fields.0.name`).
 */
export function fieldPath(path: string): string {
  return path
    .replace(/^(body|querystring|query|params)\.?/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\./, '');
}

/** The route's own sentence (`Invalid body.name: Too small…`) only repeats its first detail, unreadably. */
function echoesFirstDetail(message: string, details: readonly ErrorDetail[]): boolean {
  const first = details[0];
  return first !== undefined && message === `Invalid ${first.path ?? 'request'}: ${first.message}`;
}

/**
 * Turns a failure into text next to the right fields, in words people read (see human-messages).
 * `known` lists the paths the form shows; a detail for another path (or none) stays in the
 * form-level message so nothing is lost. `labels` names fields as the form labels them when that
 * differs from their API name (`compareWith` is shown as "Response path").
 */
export function toFormErrors(
  error: unknown,
  known?: (path: string) => boolean,
  labels: Record<string, string> = {},
): FormErrors {
  if (!(error instanceof ApiError)) {
    return { form: error instanceof Error ? error.message : String(error), fields: {} };
  }
  const fields: Record<string, string> = {};
  const leftovers: string[] = [];
  for (const detail of error.details) {
    const path = detail.path ? fieldPath(detail.path) : '';
    if (path && (!known || known(path))) {
      const key =
        path
          .split('.')
          .filter((p) => !/^\d+$/.test(p))
          .pop() ?? '';
      const message = humanMessage(key, detail.message, labels[key]);
      fields[path] = fields[path] ? `${fields[path]} ${message}` : message;
    } else {
      leftovers.push(describeDetail(path, detail.message));
    }
  }
  // Without `known` a field may not be on screen, so the API's own sentence always shows too.
  const placed = Object.keys(fields).length > 0 && known !== undefined;
  const echo = echoesFirstDetail(error.message, error.details);
  let headline: string;
  if (placed) headline = 'Please correct the highlighted fields.';
  else if (echo && leftovers.length > 0) headline = '';
  else if (echo) headline = describeDetail(fieldPath(error.details[0].path ?? ''), error.details[0].message);
  else headline = error.message;
  const sentences = [headline, ...leftovers].filter(Boolean);
  if (sentences.length === 1) return { form: sentences[0], fields };
  return { form: sentences.map((s) => (/[.!?]$/.test(s) ? s : `${s}.`)).join(' '), fields };
}

/** The first error at `path` or under it (`auth` picks up `auth.token`), for grouped inputs. */
export function errorAt(errors: FormErrors, path: string): string | undefined {
  if (errors.fields[path]) return errors.fields[path];
  const nested = Object.entries(errors.fields).find(([key]) => key.startsWith(`${path}.`));
  return nested?.[1];
}
