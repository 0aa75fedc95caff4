import { isIP, type LookupFunction, type Socket } from 'node:net';
import { buildConnector } from 'undici';
import { type AllowList, classifyAddress } from './address-policy.ts';
import { createGuardedLookup } from './guarded-lookup.ts';
import { blockedError, type OutboundError } from './outbound-error.ts';

export interface GuardedConnectorOptions {
  allow: AllowList;
  lookup: LookupFunction;
  connectTimeoutMs: number;
}

/**
 * The undici `connect` function of the guarded agent. The address check sits
 * here, under every request and every redirect hop, in three layers:
 * 1. an IP-literal host is classified before dialling (Node never calls
 *    `lookup` for literals, so a lookup hook alone is bypassed);
 * 2. a name goes through the guarded lookup, which checks every answer;
 * 3. the socket's peer address is checked once connected, as a last line.
 */
export function createGuardedConnector(options: GuardedConnectorOptions): buildConnector.connector {
  // An allow entry is host:port, but Node's lookup hook is not told the port:
  // one base connector per destination port lets the lookup know it.
  const connectors = new Map<number, buildConnector.connector>();
  const connectorFor = (port: number): buildConnector.connector => {
    let connector = connectors.get(port);
    if (connector === undefined) {
      const lookup = createGuardedLookup(options.lookup, options.allow, port);
      connector = buildConnector({ timeout: options.connectTimeoutMs, lookup });
      connectors.set(port, connector);
    }
    return connector;
  };

  return function guardedConnect(connectOptions, callback) {
    const { hostname, protocol } = connectOptions;
    const port = Number(connectOptions.port) || (protocol === 'https:' ? 443 : 80);
    if (isIP(hostname) !== 0) {
      const verdict = classifyAddress(hostname, port, options.allow);
      if (!verdict.allowed) {
        // Asynchronously, like a failed dial: undici expects the callback after connect() returns.
        queueMicrotask(() => callback(blockedError(verdict.reason), null));
        return;
      }
    }
    connectorFor(port)(connectOptions, (err, socket) => {
      if (err !== null) {
        callback(err, null);
        return;
      }
      const problem = checkConnectedSocket(socket, hostname, options.allow);
      if (problem !== null) {
        socket.destroy();
        callback(problem, null);
        return;
      }
      callback(null, socket);
    });
  };
}

/** Checks the address a socket actually reached; `null` when it may be used. */
export function checkConnectedSocket(
  socket: Pick<Socket, 'remoteAddress' | 'remotePort'>,
  hostname: string,
  allow: AllowList,
): OutboundError | null {
  const { remoteAddress, remotePort } = socket;
  if (remoteAddress === undefined || remotePort === undefined) {
    return blockedError(`the connection to ${hostname} has no peer address to check`);
  }
  const verdict = classifyAddress(remoteAddress, remotePort, allow, hostname);
  return verdict.allowed ? null : blockedError(`${verdict.reason} (reached through ${hostname})`);
}
