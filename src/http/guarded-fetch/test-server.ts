// Test helpers (not collected as tests): loopback HTTP servers that record
// what reaches them, and a fake resolver, so no test patches globals.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo, isIP, type LookupFunction, type Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface TestServer {
  readonly port: number;
  readonly origin: string;
  readonly requests: RecordedRequest[];
  /** TCP connections accepted so far, whether or not a request followed. */
  readonly connections: number;
  readonly sockets: Set<Socket>;
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse, recorded: RecordedRequest) => void;

/** Starts a server on 127.0.0.1 at a random port; without a handler it answers "canary". */
export async function startTestServer(handler?: Handler): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      requests.push(recorded);
      if (handler) handler(req, res, recorded);
      else res.end('canary');
    });
  });
  server.on('connection', (socket: Socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    requests,
    get connections() {
      return connections;
    },
    sockets,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A resolver answering from a table. `legacy` answers with the single-address
 * callback shape `(err, address, family)` even when asked for all answers.
 */
export function fakeLookup(
  table: Record<string, string[]>,
  shape: 'array' | 'legacy' = 'array',
): LookupFunction {
  return (hostname, _options, callback) => {
    const answers = table[hostname.toLowerCase()];
    setImmediate(() => {
      if (answers === undefined) {
        callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '');
      } else if (shape === 'legacy') {
        callback(null, answers[0], isIP(answers[0]));
      } else {
        callback(
          null,
          answers.map((address) => ({ address, family: isIP(address) })),
        );
      }
    });
  };
}
