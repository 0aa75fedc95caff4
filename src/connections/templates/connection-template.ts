import type { Auth } from '../connection.schema.ts';
import type { EndpointInput } from '../endpoint.schema.ts';

/** What the tenant fills in; `secret` values are sealed like any connection credential. */
export interface TemplateInput {
  name: string;
  description: string;
  secret: boolean;
}

export interface TemplateEndpoint {
  /** Referenced by the suggested rule as `{{endpoint:key}}` until the endpoint exists. */
  key: string;
  endpoint: EndpointInput;
}

export interface BuiltTemplate {
  auth: Auth;
  headers?: Record<string, string>;
  endpoints: TemplateEndpoint[];
  /** A rule as `POST /rules` accepts it, with endpointId set to `endpoint:<key>` placeholders. */
  rule: Record<string, unknown>;
}

/**
 * A ready-made connection (seed 002 "Pre-Built Templates"): its endpoints and
 * the rule that uses them. `build` receives the tenant's inputs, or
 * REPLACE_ME placeholders for those not given yet.
 */
export interface ConnectionTemplate {
  id: string;
  name: string;
  description: string;
  /** Shown in the list and used when no baseUrl is given; the tenant replaces it. */
  baseUrlPlaceholder: string;
  inputs: TemplateInput[];
  build(values: Readonly<Record<string, string>>): BuiltTemplate;
}

export const endpointRef = (key: string) => `endpoint:${key}`;
