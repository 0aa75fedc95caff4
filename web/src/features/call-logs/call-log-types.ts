export interface CallLog {
  id: string;
  createdAt: string;
  connectionId: string | null;
  endpointId: string | null;
  conversationId: string | null;
  source: string;
  method: string;
  url: string;
  status: number | null;
  durationMs: number;
  ok: boolean;
  error: string | null;
}
