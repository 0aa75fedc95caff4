import type { AppContext } from '../../context.ts';
import type { ErrorDetail } from '../../errors.ts';
import { type ConnectionView, connectionInputSchema } from '../connection.schema.ts';
import { createConnection, deleteConnection } from '../connections.repository.ts';
import { endpointInputSchema } from '../endpoint.schema.ts';
import { createEndpoint, type EndpointView } from '../endpoints.repository.ts';
import { CREDENTIAL_PLACEHOLDER } from '../import/openapi-connection.ts';
import type { ConnectionTemplate } from './connection-template.ts';
import { connectionTemplates } from './index.ts';

export interface CreateFromTemplateInput {
  templateId: string;
  baseUrl?: string;
  name?: string;
  /** The template's inputs (secrets and others), by name. */
  values: Record<string, string>;
}

export type CreateFromTemplateResult =
  | {
      ok: true;
      connection: ConnectionView;
      endpoints: EndpointView[];
      rule: Record<string, unknown>;
      notes: string[];
    }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'invalid'; message: string; details: ErrorDetail[] };

export function findTemplate(id: string): ConnectionTemplate | undefined {
  return connectionTemplates.find((template) => template.id === id);
}

/** The template as listed: what to fill in and what it will create, no secrets. */
export function templateSummary(template: ConnectionTemplate) {
  const placeholders = Object.fromEntries(
    template.inputs.map((input) => [input.name, CREDENTIAL_PLACEHOLDER]),
  );
  const built = template.build(placeholders);
  return {
    id: template.id,
    name: template.name,
    description: template.description,
    baseUrlPlaceholder: template.baseUrlPlaceholder,
    inputs: template.inputs,
    authType: built.auth.type,
    endpoints: built.endpoints.map(({ key, endpoint }) => ({
      key,
      name: endpoint.name,
      method: endpoint.method ?? 'GET',
      path: endpoint.path ?? '',
      description: endpoint.description ?? '',
    })),
    rule: built.rule,
  };
}

/**
 * Creates a template's connection and endpoints for the tenant, and returns the
 * suggested rule with the new endpoint ids filled in (for `POST /rules`).
 * Inputs not given yet become REPLACE_ME placeholders, listed in `notes`; the
 * suggested rule is then disabled.
 */
export async function createFromTemplate(
  ctx: AppContext,
  tenantId: string,
  input: CreateFromTemplateInput,
): Promise<CreateFromTemplateResult> {
  const template = findTemplate(input.templateId);
  if (!template) return { ok: false, reason: 'not_found' };
  const notes: string[] = [];
  const values: Record<string, string> = {};
  for (const spec of template.inputs) {
    const given = input.values[spec.name]?.trim();
    values[spec.name] = given || CREDENTIAL_PLACEHOLDER;
    if (!given)
      notes.push(`Set ${spec.name} (${spec.description}): it is ${CREDENTIAL_PLACEHOLDER} for now.`);
  }
  if (!input.baseUrl)
    notes.push(`Set the connection's baseUrl: it is the placeholder ${template.baseUrlPlaceholder}.`);
  const built = template.build(values);
  const connectionInput = connectionInputSchema.safeParse({
    name: input.name ?? template.name,
    baseUrl: input.baseUrl ?? template.baseUrlPlaceholder,
    auth: built.auth,
    headers: built.headers ?? {},
  });
  if (!connectionInput.success) {
    const details = connectionInput.error.issues.map((i) => ({
      path: `body.${i.path.join('.')}`,
      message: i.message,
    }));
    return {
      ok: false,
      reason: 'invalid',
      message: `Invalid ${details[0].path}: ${details[0].message}`,
      details,
    };
  }
  const connection = await createConnection(ctx, tenantId, connectionInput.data);
  const endpoints: EndpointView[] = [];
  const ids = new Map<string, string>();
  for (const { key, endpoint } of built.endpoints) {
    const result = await createEndpoint(ctx, tenantId, connection.id, endpointInputSchema.parse(endpoint));
    if (!result.ok) {
      // A template that doesn't validate is our bug; leave nothing half-made behind.
      await deleteConnection(ctx, tenantId, connection.id);
      throw new Error(`Template ${template.id} endpoint ${key} is invalid: ${JSON.stringify(result)}`);
    }
    endpoints.push(result.endpoint);
    ids.set(`endpoint:${key}`, result.endpoint.id);
  }
  const rule = JSON.parse(JSON.stringify(built.rule), (key, value) =>
    key === 'endpointId' && typeof value === 'string' ? (ids.get(value) ?? value) : value,
  ) as Record<string, unknown>;
  if (notes.length > 0) {
    // Live visitors would meet a lookup that can only fail: the rule waits for the real values.
    rule.enabled = false;
    notes.push('The suggested rule comes disabled: enable it once the values above are set.');
  }
  return { ok: true, connection, endpoints, rule, notes };
}
