/** Row types of the rules feature; booleans are 0/1 integers and times ISO text on both databases. */
export interface RulesTable {
  id: string;
  tenant_id: string;
  widget_id: string | null;
  name: string;
  type: string;
  enabled: number;
  priority: number;
  /** Versioned JSON document (rule-document.ts). */
  config: string;
  created_at: string;
  updated_at: string;
}

export interface RuleLogsTable {
  id: string;
  tenant_id: string;
  conversation_id: string;
  message_id: string | null;
  job_id: string | null;
  matched_count: number;
  /** JSON RuleLogEntry. */
  entry: string;
  created_at: string;
}

export interface RuleRevisionsTable {
  tenant_id: string;
  revision: number;
}

export interface RuleTables {
  rules: RulesTable;
  rule_revisions: RuleRevisionsTable;
  rule_logs: RuleLogsTable;
}
