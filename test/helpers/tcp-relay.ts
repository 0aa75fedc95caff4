import net from 'node:net';

export interface TcpRelay {
  /** Host and port clients connect to. */
  readonly port: number;
  /** Drops every relayed connection and refuses new ones, as a server that went away. */
  cut(): Promise<void>;
  /** Accepts connections again on the same port, as a server that came back. */
  restore(): Promise<void>;
  /** Cuts the relay the next time a client sends bytes matching `pattern`. */
  cutOnNext(pattern: RegExp): void;
  /** True while a `cutOnNext` has not fired yet. */
  readonly armed: boolean;
}

/** A TCP relay in front of a test server (Redis, PostgreSQL) that a test can cut and restore. */
export async function startTcpRelay(targetHost: string, targetPort: number): Promise<TcpRelay> {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  let cutPattern: RegExp | undefined;
  const listen = async () => {
    server = net.createServer((client) => {
      const upstream = net.connect(targetPort, targetHost);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => {});
      }
      client.on('data', (chunk: Buffer) => {
        if (cutPattern?.test(chunk.toString('latin1'))) {
          cutPattern = undefined;
          void relay.cut();
          return;
        }
        upstream.write(chunk);
      });
      upstream.pipe(client);
    });
    await new Promise<void>((resolve) => server?.listen(port, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  };
  await listen();
  const relay: TcpRelay = {
    get port() {
      return port;
    },
    async cut() {
      const closed = new Promise<void>((resolve) => server?.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
    restore: listen,
    cutOnNext(pattern) {
      cutPattern = pattern;
    },
    get armed() {
      return cutPattern !== undefined;
    },
  };
  return relay;
}
