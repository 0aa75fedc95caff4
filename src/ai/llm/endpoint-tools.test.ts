import { describe, expect, it } from 'vitest';
import { type EndpointInput, endpointInputSchema } from '../../connections/endpoint.schema.ts';
import type { LoadedEndpoint } from '../../connections/endpoints.repository.ts';
import { endpointTools, type ToolCallRunner } from './endpoint-tools.ts';

const loaded = (input: EndpointInput): LoadedEndpoint => ({
  ...endpointInputSchema.parse(input),
  id: 'e1',
  tenantId: 't1',
  connectionId: 'c1',
  createdAt: '2025-01-01T00:00:00.000+00:00',
  updatedAt: '2025-01-01T00:00:00.000+00:00',
});

async function toolOf(endpoint: LoadedEndpoint, known: string[] = []) {
  const calls: Array<Record<string, string>> = [];
  const run: ToolCallRunner = async (_endpoint, args) => {
    calls.push(args);
    return { ok: true, data: {} };
  };
  const tools = await endpointTools([endpoint], new Set(known), run);
  const [tool] = Object.values(tools);
  const schema = (tool.inputSchema as { jsonSchema: Record<string, any> }).jsonSchema;
  const execute = (input: Record<string, unknown>) =>
    tool.execute?.(input, { toolCallId: 'call_1', messages: [] } as never);
  return { schema, execute, calls };
}

describe('endpoint tools', () => {
  it('offers a path {variable} no field declares as a required string, and passes it on (seed 000)', async () => {
    const { schema, execute, calls } = await toolOf(
      loaded({ name: 'Product price', method: 'GET', path: '/products/{productId}/price' }),
    );
    expect(schema).toMatchObject({
      properties: { productId: { type: 'string' } },
      required: ['productId'],
    });
    await execute({ productId: '42' });
    expect(calls).toEqual([{ productId: '42' }]);
  });

  it('leaves declared fields as they are and built-ins such as {language} out', async () => {
    const { schema, execute, calls } = await toolOf(
      loaded({
        name: 'Order',
        method: 'GET',
        path: '/{language}/orders/{orderId}/items/{itemId}',
        fields: [{ name: 'orderId', type: 'string', required: true, description: 'Order number' }],
      }),
      ['itemId'],
    );
    expect(Object.keys(schema.properties)).toEqual(['orderId', 'itemId']);
    expect(schema.properties.orderId.description).toBe('Order number');
    // A session variable already holds itemId: the model need not supply it.
    expect(schema.required).toEqual(['orderId']);
    await execute({ orderId: '4521', itemId: '7', language: 'xx' });
    expect(calls).toEqual([{ orderId: '4521', itemId: '7' }]);
  });
});
