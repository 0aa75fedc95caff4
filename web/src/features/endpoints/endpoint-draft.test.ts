import { describe, expect, it } from 'vitest';
import { draftFromEndpoint, endpointBody, withMethod } from './endpoint-draft.ts';
import type { Endpoint } from './endpoint-types.ts';

const stored = (patch: Partial<Endpoint>): Endpoint => ({
  id: 'e-1',
  connectionId: 'c-1',
  name: 'Create booking',
  method: 'POST',
  path: '/bookings',
  queryParams: {},
  headers: {},
  bodyTemplate: null,
  responseMapping: [],
  description: '',
  fields: [],
  validations: [],
  timeoutMs: 5000,
  aiCallable: false,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  ...patch,
});

describe('the AI checkbox of an endpoint', () => {
  it('starts ticked for a new GET endpoint and follows the method until saved or touched', () => {
    const fresh = draftFromEndpoint();
    expect(fresh.aiCallable).toBe(true);
    const post = withMethod(fresh, 'POST', true);
    expect(post.aiCallable).toBe(false);
    expect(endpointBody(post).aiCallable).toBe(false);
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      expect(endpointBody(withMethod(fresh, method, true)).aiCallable).toBe(false);
    }
    expect(withMethod(post, 'GET', true).aiCallable).toBe(true);
  });

  it('keeps what the admin chose, and what an existing endpoint stores', () => {
    const optedIn = { ...withMethod(draftFromEndpoint(), 'POST', true), aiCallable: true };
    expect(withMethod(optedIn, 'DELETE', false).aiCallable).toBe(true);
    expect(draftFromEndpoint(stored({ method: 'POST', aiCallable: true })).aiCallable).toBe(true);
    expect(draftFromEndpoint(stored({ method: 'GET', aiCallable: false })).aiCallable).toBe(false);
  });
});
