export interface OperatorCredentialsTable {
  operator_id: string;
  tenant_id: string;
  /** argon2id PHC string (libsodium crypto_pwhash_str's format); never the password. */
  password_hash: string;
  updated_at: string;
}

export interface SessionsTable {
  /** SHA-256 of the cookie value: a database leak does not hand out sessions. */
  id: string;
  tenant_id: string;
  operator_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface AuthTables {
  operator_credentials: OperatorCredentialsTable;
  sessions: SessionsTable;
}
