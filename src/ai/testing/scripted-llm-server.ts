// Test helper (not collected as tests): an OpenAI-compatible chat-completions server on a random
// loopback port whose answers are scripted per test, recording every request body it receives.
import { startTestServer, type TestServer } from '../../http/guarded-fetch/test-server.ts';

export interface ChatRequest {
  model: string;
  messages: Array<{ role: string; content?: unknown; tool_calls?: unknown[]; tool_call_id?: string }>;
  tools?: Array<{
    type: string;
    function: { name: string; description?: string; parameters: Record<string, any> };
  }>;
  response_format?: unknown;
  [key: string]: unknown;
}

/** One scripted answer: plain text, or tool calls the "model" wants made. */
export type ScriptedTurn =
  | { text: string }
  | { toolCalls: Array<{ name: string; arguments: Record<string, unknown> }> }
  | { status: number; body: unknown; headers?: Record<string, string> }
  /** Sent as written (not JSON), such as an HTML error page. */
  | { status: number; raw: string };

export type Script = ScriptedTurn | ((request: ChatRequest) => ScriptedTurn);

export interface ScriptedLlmServer {
  readonly origin: string;
  /** The base URL to configure (…/v1). */
  readonly baseUrl: string;
  /** host:port, for PARLEY_OUTBOUND_ALLOW. */
  readonly allowEntry: string;
  /** Parsed bodies of every chat-completions request, in order. */
  readonly requests: ChatRequest[];
  /** Raw bodies, for "this text never reached the model" assertions. */
  readonly rawBodies: string[];
  /** Replaces the queue of answers; once it is empty every request gets `fallback`. */
  script(...turns: Script[]): void;
  fallback: Script;
  server: TestServer;
  close(): Promise<void>;
}

const USAGE = { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 };

function completion(model: string, turn: ScriptedTurn, n: number): string {
  if ('raw' in turn) return turn.raw;
  if ('status' in turn) return JSON.stringify(turn.body);
  const message =
    'text' in turn
      ? { role: 'assistant', content: turn.text }
      : {
          role: 'assistant',
          content: null,
          tool_calls: turn.toolCalls.map((call, i) => ({
            id: `call_${n}_${i}`,
            type: 'function',
            function: { name: call.name, arguments: JSON.stringify(call.arguments) },
          })),
        };
  return JSON.stringify({
    id: `chatcmpl-${n}`,
    object: 'chat.completion',
    created: 1_700_000_000,
    model,
    choices: [{ index: 0, message, finish_reason: 'text' in turn ? 'stop' : 'tool_calls' }],
    usage: USAGE,
  });
}

export async function startScriptedLlmServer(): Promise<ScriptedLlmServer> {
  const queue: Script[] = [];
  const requests: ChatRequest[] = [];
  const rawBodies: string[] = [];
  let n = 0;
  const state: { fallback: Script } = { fallback: { text: 'OK' } };
  const server = await startTestServer((req, res, recorded) => {
    if (req.method !== 'POST' || !recorded.url.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
      return;
    }
    const body = JSON.parse(recorded.body) as ChatRequest;
    requests.push(body);
    rawBodies.push(recorded.body);
    const script = queue.shift() ?? state.fallback;
    const turn = typeof script === 'function' ? script(body) : script;
    const status = 'status' in turn ? turn.status : 200;
    const headers = 'headers' in turn ? turn.headers : undefined;
    res
      .writeHead(status, { 'content-type': 'application/json', ...headers })
      .end(completion(body.model, turn, ++n));
  });
  return {
    origin: server.origin,
    baseUrl: `${server.origin}/v1`,
    allowEntry: `127.0.0.1:${server.port}`,
    requests,
    rawBodies,
    script(...turns) {
      queue.splice(0, queue.length, ...turns);
    },
    get fallback() {
      return state.fallback;
    },
    set fallback(value) {
      state.fallback = value;
    },
    server,
    close: () => server.close(),
  };
}

/** The JSON the structured-output classifier call expects, as a scripted text answer. */
export function classification(
  decisions: Array<{ rule: string; matched: boolean; confidence?: number; reason?: string }>,
): ScriptedTurn {
  return {
    text: JSON.stringify({
      decisions: decisions.map((d) => ({
        confidence: d.matched ? 0.9 : 0.1,
        reason: d.matched ? 'matches' : 'unrelated',
        ...d,
      })),
    }),
  };
}
