/** Row types of the AI feature (migration 0006_ai). */
export interface AiSettingsTable {
  tenant_id: string;
  provider: string;
  model: string | null;
  base_url: string | null;
  /** Vault ciphertext, never plaintext. */
  api_key: string | null;
  language: string;
  handover_to_operator: number;
  updated_at: string;
}

export interface AiUsageTable {
  id: string;
  tenant_id: string;
  conversation_id: string | null;
  /** classify | slots | reply | answer | translate | test */
  kind: string;
  provider: string;
  model: string | null;
  input_tokens: number;
  output_tokens: number;
  credits: number;
  created_at: string;
}

export interface AiTables {
  ai_settings: AiSettingsTable;
  ai_usage: AiUsageTable;
}
