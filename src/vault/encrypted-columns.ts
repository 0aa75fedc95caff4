/**
 * Every column that holds vault ciphertext (or JSON whose string values may be ciphertexts).
 * `parley rotate-key` re-encrypts exactly these; a feature that stores secrets adds its column here.
 */
export interface EncryptedColumn {
  table: string;
  column: string;
  /** 'sealed': the column is one ciphertext; 'json': a JSON document with ciphertext strings inside. */
  kind: 'sealed' | 'json';
  /** The table's primary key column, when it is not `id`. */
  key?: string;
}

export const encryptedColumns: EncryptedColumn[] = [
  { table: 'connections', column: 'config', kind: 'json' },
  { table: 'endpoints', column: 'config', kind: 'json' },
  { table: 'ai_settings', column: 'api_key', kind: 'sealed', key: 'tenant_id' },
  { table: 'widgets', column: 'identity_secret', kind: 'sealed' },
  { table: 'webhooks', column: 'secret', kind: 'sealed' },
  { table: 'webhooks', column: 'previous_secret', kind: 'sealed' },
  // The master-key check value (see master-key-check.ts).
  { table: 'installation', column: 'key_check', kind: 'sealed' },
];
