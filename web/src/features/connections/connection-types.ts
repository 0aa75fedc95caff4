export type AuthType = 'none' | 'api_key' | 'bearer' | 'basic' | 'oauth2_client_credentials';

export interface Connection {
  id: string;
  name: string;
  baseUrl: string;
  /** Secrets come back masked (`****abcd`). */
  auth: { type: AuthType; [field: string]: unknown };
  headers: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}

export const authTypeOptions: { value: AuthType; label: string }[] = [
  { value: 'none', label: 'None' },
  { value: 'api_key', label: 'API key' },
  { value: 'bearer', label: 'Bearer token' },
  { value: 'basic', label: 'Basic auth' },
  { value: 'oauth2_client_credentials', label: 'OAuth 2.0 (client credentials)' },
];

export const authTypeLabel = (type: string) => authTypeOptions.find((o) => o.value === type)?.label ?? type;

/** The secret field of each auth type: sent only when typed in, otherwise the stored one is kept. */
export const secretField: Record<AuthType, string | null> = {
  none: null,
  api_key: 'key',
  bearer: 'token',
  basic: 'password',
  oauth2_client_credentials: 'clientSecret',
};

export interface ConnectionTestResult {
  ok: boolean;
  status?: number;
  message: string;
  durationMs: number;
}
