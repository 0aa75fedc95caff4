import { ApiError } from './api-client.ts';

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

/**
 * Turns a failure into text next to the right fields. `known` lists the paths the form shows; a
 * detail for another path (or none) stays in the form-level message so nothing is lost.
 */
export function toFormErrors(error: unknown, known?: (path: string) => boolean): FormErrors {
  if (!(error instanceof ApiError)) {
    return { form: error instanceof Error ? error.message : String(error), fields: {} };
  }
  const fields: Record<string, string> = {};
  const leftovers: string[] = [];
  for (const detail of error.details) {
    const path = detail.path ? fieldPath(detail.path) : '';
    if (path && (!known || known(path))) {
      fields[path] = fields[path] ? `${fields[path]} ${detail.message}` : detail.message;
    } else {
      leftovers.push(path ? `${path}: ${detail.message}` : detail.message);
    }
  }
  // Without `known` a field may not be on screen, so the API's own sentence always shows too.
  const placed = Object.keys(fields).length > 0 && known !== undefined;
  const form = placed && leftovers.length === 0 ? 'Please correct the highlighted fields.' : error.message;
  return { form: leftovers.length ? `${form} ${leftovers.join('; ')}` : form, fields };
}

/** The first error at `path` or under it (`auth` picks up `auth.token`), for grouped inputs. */
export function errorAt(errors: FormErrors, path: string): string | undefined {
  if (errors.fields[path]) return errors.fields[path];
  const nested = Object.entries(errors.fields).find(([key]) => key.startsWith(`${path}.`));
  return nested?.[1];
}
