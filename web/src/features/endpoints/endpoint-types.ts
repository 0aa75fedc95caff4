export const httpMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof httpMethods)[number];

export const fieldTypes = ['string', 'number', 'integer', 'boolean', 'email', 'date', 'enum'] as const;
export type FieldType = (typeof fieldTypes)[number];

export interface EndpointField {
  name: string;
  type: FieldType;
  required: boolean;
  description: string;
  pattern?: string;
  enum?: string[];
}

export const validationTypes = ['equals', 'equals_ignore_case', 'contains', 'not_empty'] as const;

export interface EndpointValidation {
  input: string;
  compareWith: string;
  type: (typeof validationTypes)[number];
  errorMessage: string;
}

export interface MappingRule {
  from: string;
  to: string;
}

export interface Endpoint {
  id: string;
  connectionId: string;
  name: string;
  method: HttpMethod;
  path: string;
  queryParams: Record<string, string>;
  headers: Record<string, string>;
  bodyTemplate: string | null;
  responseMapping: MappingRule[];
  description: string;
  fields: EndpointField[];
  validations: EndpointValidation[];
  timeoutMs: number;
  aiCallable: boolean;
  aiPrompt?: string;
  createdAt: string;
  updatedAt: string;
}

/** POST /endpoints/{id}/test (SPEC §6), secrets redacted by the server. */
export interface EndpointTestResult {
  ok: boolean;
  status?: number;
  request: { method: string; url: string; headers: Record<string, string>; body?: string } | null;
  response: { status: number; headers: Record<string, string>; body: unknown } | null;
  mapped: Record<string, string>;
  missing: string[];
  unmapped: string[];
  validation: { passed: boolean; errors: (string | { message?: string })[] };
  error?: { code: string; message: string };
  durationMs: number;
}
