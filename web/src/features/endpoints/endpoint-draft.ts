import { type KeyValueRow, toRecord, toRows } from '../../components/key-value-editor.tsx';
import type {
  Endpoint,
  EndpointField,
  EndpointValidation,
  HttpMethod,
  MappingRule,
} from './endpoint-types.ts';

/** The endpoint form's state: key/value maps as editable rows, numbers as typed text. */
export interface EndpointDraft {
  name: string;
  method: HttpMethod;
  path: string;
  description: string;
  queryParams: KeyValueRow[];
  headers: KeyValueRow[];
  bodyTemplate: string;
  fields: EndpointField[];
  validations: EndpointValidation[];
  responseMapping: MappingRule[];
  timeoutMs: string;
  aiCallable: boolean;
  aiPrompt: string;
}

/** Shows a stored body pretty-printed when it is plain JSON; templates with bare {slots} stay as written. */
function prettyBody(body: string | null): string {
  if (!body) return '';
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/**
 * The server's default (README "AI"): the AI may call reads, and writes only when the admin opts
 * in, so a visitor's words change data only through an endpoint someone chose to expose.
 */
export const defaultAiCallable = (method: HttpMethod): boolean => method === 'GET';

export function draftFromEndpoint(e?: Endpoint): EndpointDraft {
  const method = e?.method ?? 'GET';
  return {
    name: e?.name ?? '',
    method,
    path: e?.path ?? '',
    description: e?.description ?? '',
    queryParams: toRows(e?.queryParams),
    headers: toRows(e?.headers),
    bodyTemplate: prettyBody(e?.bodyTemplate ?? null),
    fields: e?.fields ?? [],
    validations: e?.validations ?? [],
    responseMapping: e?.responseMapping ?? [],
    timeoutMs: String(e?.timeoutMs ?? 5000),
    // Existing endpoints keep what is stored, whatever the method.
    aiCallable: e ? e.aiCallable : defaultAiCallable(method),
    aiPrompt: e?.aiPrompt ?? '',
  };
}

/**
 * A new method for the draft. While `followMethod` (a new, unsaved endpoint whose AI checkbox the
 * admin has not touched) the checkbox follows the method's default; otherwise it stays as set.
 */
export function withMethod(d: EndpointDraft, method: HttpMethod, followMethod: boolean): EndpointDraft {
  return { ...d, method, aiCallable: followMethod ? defaultAiCallable(method) : d.aiCallable };
}

/** The JSON the API takes for POST and PATCH. */
export function endpointBody(d: EndpointDraft) {
  return {
    name: d.name,
    method: d.method,
    path: d.path.trim(),
    description: d.description,
    queryParams: toRecord(d.queryParams),
    headers: toRecord(d.headers),
    bodyTemplate: d.bodyTemplate.trim() === '' ? null : d.bodyTemplate,
    fields: d.fields.map((f) => ({
      ...f,
      pattern: f.pattern?.trim() || undefined,
      enum: f.type === 'enum' ? (f.enum ?? []) : undefined,
    })),
    validations: d.validations,
    responseMapping: d.responseMapping,
    timeoutMs: Number(d.timeoutMs) || 5000,
    aiCallable: d.aiCallable,
    ...(d.aiPrompt.trim() ? { aiPrompt: d.aiPrompt } : {}),
  };
}
