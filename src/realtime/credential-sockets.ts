import type { WebSocket } from 'ws';
import { CLOSE_UNAUTHORIZED } from './stream-events.ts';

/** How often the credentials of open sockets are checked again (revoked in another process, expired). */
export const CREDENTIAL_RECHECK_MS = 15_000;

/**
 * The tenant stream's open sockets by the credential that opened them (`key:<id>`, `session:<id>`):
 * revoking a key or signing out closes its sockets at once in this process, and a periodic check
 * closes those whose credential was revoked elsewhere or expired. Without it a socket outlived its
 * key for as long as the connection lasted.
 */
export interface CredentialSockets {
  add(principal: string, socket: WebSocket): void;
  /** Closes every socket opened with `principal` (code 4401). */
  closeAll(principal: string, reason: string): void;
  /**
   * Asks which principals are still valid and closes the sockets of the others: every
   * CREDENTIAL_RECHECK_MS, and at once after a change that ends sessions in bulk (an operator
   * removed, a password set).
   */
  sweep(): Promise<void>;
  stop(): void;
}

export function createCredentialSockets(
  stillValid: (principals: string[]) => Promise<ReadonlySet<string>>,
  recheckMs = CREDENTIAL_RECHECK_MS,
): CredentialSockets {
  const byPrincipal = new Map<string, Set<WebSocket>>();
  let timer: NodeJS.Timeout | undefined;
  let sweeping: Promise<void> | undefined;
  let again = false;

  async function sweepOnce(): Promise<void> {
    try {
      const valid = await stillValid([...byPrincipal.keys()]);
      for (const principal of byPrincipal.keys()) {
        if (!valid.has(principal)) registry.closeAll(principal, 'Credentials revoked or expired.');
      }
    } catch {
      // The database is away: keep the sockets; the next sweep asks again.
    }
  }

  const registry: CredentialSockets = {
    add(principal, socket) {
      const sockets = byPrincipal.get(principal) ?? new Set<WebSocket>();
      byPrincipal.set(principal, sockets);
      sockets.add(socket);
      socket.once('close', () => {
        sockets.delete(socket);
        if (sockets.size === 0 && byPrincipal.get(principal) === sockets) byPrincipal.delete(principal);
      });
      timer ??= setInterval(() => void registry.sweep(), recheckMs).unref();
    },
    closeAll(principal, reason) {
      for (const socket of byPrincipal.get(principal) ?? []) socket.close(CLOSE_UNAUTHORIZED, reason);
    },
    sweep() {
      if (byPrincipal.size === 0) return Promise.resolve();
      // A sweep already under way may have read the credentials before the change that asked for
      // this one: it runs once more when it ends.
      if (sweeping) {
        again = true;
        return sweeping;
      }
      sweeping = (async () => {
        do {
          again = false;
          await sweepOnce();
        } while (again);
        sweeping = undefined;
      })();
      return sweeping;
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
  return registry;
}
