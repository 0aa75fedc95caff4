import { describe, expect, it } from 'vitest';
import { embeddedReply } from './embedded-reply.ts';

describe('embedded REPLY_AI', () => {
  const variables = { order_status: 'shipped', session_token: 'tok-123', _pendingRule: 'r1:1' };

  it('never lists a credential the lookup mapped', () => {
    expect(embeddedReply(variables, { mappedVariables: ['order_status', 'session_token'] })).toBe(
      'Here is what I found: order status: shipped.',
    );
  });

  it('does not fill a template that names a credential; the list is given instead', () => {
    expect(
      embeddedReply(variables, {
        instructions: 'Your order is {order_status} ({session_token}).',
        mappedVariables: ['order_status', 'session_token'],
      }),
    ).toBe('Here is what I found: order status: shipped.');
  });
});
