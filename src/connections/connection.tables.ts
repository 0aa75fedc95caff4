export interface ConnectionsTable {
  id: string;
  tenant_id: string;
  name: string;
  base_url: string;
  auth_type: string;
  config: string;
  created_at: string;
  updated_at: string;
}

export interface EndpointsTable {
  id: string;
  tenant_id: string;
  connection_id: string;
  name: string;
  method: string;
  path: string;
  ai_callable: number;
  config: string;
  created_at: string;
  updated_at: string;
}

export interface CallLogsTable {
  id: string;
  tenant_id: string;
  created_at: string;
  connection_id: string | null;
  endpoint_id: string | null;
  conversation_id: string | null;
  source: string;
  method: string;
  url: string;
  status: number | null;
  duration_ms: number;
  ok: number;
  error: string | null;
}

export interface ConnectionTables {
  connections: ConnectionsTable;
  endpoints: EndpointsTable;
  call_logs: CallLogsTable;
}
