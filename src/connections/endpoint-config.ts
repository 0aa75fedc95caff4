import { maskSecret, type Vault } from '../vault/vault.ts';
import { isSensitiveHeader, looksMasked } from './connection-config.ts';
import type { Endpoint } from './endpoint.schema.ts';
import { findPlaceholders } from './templating/find-placeholders.ts';

/**
 * The stored form of an endpoint (column `endpoints.config`): a versioned JSON
 * document of everything except name, method, path and aiCallable (own columns).
 * A literal value in a credential-looking header or query parameter
 * (`Authorization: Bearer sk_live…`, `?api_key=…`) is sealed like an auth secret;
 * templated values (`Bearer {auth_token}`) are not secrets and stay readable.
 */
export const ENDPOINT_CONFIG_VERSION = 1;

export type EndpointDocument = Omit<Endpoint, 'name' | 'method' | 'path' | 'aiCallable'>;

const upgrades: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> = {};

const sensitiveQuery = /key|token|secret|password|passwd|signature|sig|auth|credential/i;

/** Whether a header or query value is a stored credential (sealed at rest, masked in views). */
export function isSecretValue(kind: 'header' | 'query', name: string, value: string): boolean {
  const sensitive = kind === 'header' ? isSensitiveHeader(name) : sensitiveQuery.test(name);
  return sensitive && value !== '' && findPlaceholders(value).length === 0;
}

function mapSecrets(doc: EndpointDocument, fn: (value: string) => string): EndpointDocument {
  const map = (kind: 'header' | 'query', record: Record<string, string>) =>
    Object.fromEntries(Object.entries(record).map(([k, v]) => [k, isSecretValue(kind, k, v) ? fn(v) : v]));
  return { ...doc, headers: map('header', doc.headers), queryParams: map('query', doc.queryParams) };
}

export function sealEndpointDocument(vault: Vault, doc: EndpointDocument): string {
  return JSON.stringify({ version: ENDPOINT_CONFIG_VERSION, ...mapSecrets(doc, vault.seal) });
}

export function openEndpointDocument(vault: Vault, text: string): EndpointDocument {
  let doc = JSON.parse(text) as Record<string, unknown>;
  for (let v = Number(doc.version ?? 1); v < ENDPOINT_CONFIG_VERSION; v++) doc = upgrades[v]?.(doc) ?? doc;
  const { version: _version, ...rest } = doc;
  // Sealed values start with "pv1:"; anything else was stored readable.
  return mapSecrets(rest as EndpointDocument, (value) =>
    value.startsWith('pv1:') ? vault.open(value) : value,
  );
}

export function maskEndpointDocument(doc: EndpointDocument): EndpointDocument {
  return mapSecrets(doc, maskSecret);
}

/** A PATCH's headers or query params: a masked value sent back keeps the stored secret. */
export function keepMaskedSecrets(
  kind: 'header' | 'query',
  next: Record<string, string>,
  current: Record<string, string>,
): Record<string, string> {
  const previous = new Map(Object.entries(current).map(([k, v]) => [k.toLowerCase(), v]));
  return Object.fromEntries(
    Object.entries(next).map(([name, value]) => {
      const old = previous.get(name.toLowerCase());
      return [name, looksMasked(value) && old !== undefined && isSecretValue(kind, name, old) ? old : value];
    }),
  );
}
