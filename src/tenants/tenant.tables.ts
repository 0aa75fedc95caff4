export interface TenantsTable {
  id: string;
  name: string;
  plan: string;
  credit_balance: number;
  total_credits_added: number;
  settings: string;
  created_at: string;
}

export interface ApiKeysTable {
  id: string;
  tenant_id: string;
  name: string;
  prefix: string;
  key_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface FoundationTables {
  tenants: TenantsTable;
  api_keys: ApiKeysTable;
}
