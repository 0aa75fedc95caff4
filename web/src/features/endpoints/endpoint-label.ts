import type { Endpoint } from './endpoint-types.ts';

type Named = { id: string; name: string };

/**
 * An endpoint's name with its connection's ("Shop API › Order status"): two connections may each
 * have an "Order status". Without the connection (not loaded, or not allowed) just the name.
 */
export function endpointName(
  endpoint: Pick<Endpoint, 'name' | 'connectionId'>,
  connections: readonly Named[] = [],
) {
  const connection = connections.find((c) => c.id === endpoint.connectionId);
  return connection ? `${connection.name} › ${endpoint.name}` : endpoint.name;
}

/** The endpoint picker's option: "Shop API › Order status (GET /orders/{orderId})". */
export function endpointOptionLabel(endpoint: Endpoint, connections: readonly Named[] = []): string {
  return `${endpointName(endpoint, connections)} (${endpoint.method} ${endpoint.path || '/'})`;
}
