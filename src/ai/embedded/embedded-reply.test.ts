import { describe, expect, it } from 'vitest';
import { embeddedReply, NOTHING_FOUND, writeEmbeddedReply } from './embedded-reply.ts';
import { readableLabel } from './readable-label.ts';

describe('embedded REPLY_AI', () => {
  const variables = { order_status: 'shipped', session_token: 'tok-123', _pendingRule: 'r1:1' };

  it('never lists a credential the lookup mapped', () => {
    expect(embeddedReply(variables, { mappedVariables: ['order_status', 'session_token'] })).toBe(
      'Here is what I found: order status: shipped.',
    );
  });

  it('does not fill a template that names a credential; the list is given instead, and why', () => {
    expect(
      writeEmbeddedReply(variables, {
        instructions: 'Your order is {order_status} ({session_token}).',
        mappedVariables: ['order_status', 'session_token'],
      }),
    ).toEqual({
      text: 'Here is what I found: order status: shipped.',
      templateSkipped:
        'the instructions template was not used: {session_token} is never shown to visitors (a credential or internal variable); the reply listed the mapped variables instead',
    });
  });

  const order = {
    instructions: 'Your order #{order_id} is {v_status} with {v_carrier} and should arrive {v_eta}.',
    mappedVariables: ['v_status', 'v_carrier', 'v_eta'],
  };

  it('fills the template when every variable it names has a value', () => {
    expect(
      writeEmbeddedReply(
        { order_id: '4521', v_status: 'processing', v_carrier: 'DHL', v_eta: 'next Monday' },
        order,
      ),
    ).toEqual({ text: 'Your order #4521 is processing with DHL and should arrive next Monday.' });
  });

  it('falls back to readable labels when a variable is missing, and says which one', () => {
    const reply = writeEmbeddedReply(
      { order_id: '4521', v_status: 'processing', v_eta: 'next Monday' },
      order,
    );
    expect(reply).toEqual({
      text: 'Here is what I found: status: processing, eta: next Monday.',
      templateSkipped:
        'the instructions template was not used: {v_carrier} is not set; the reply listed the mapped variables instead',
    });
    expect(reply.text).not.toMatch(/v_|v status|v eta/);
  });

  it('treats an empty value (a JSON null) as missing rather than leaving a gap in the sentence', () => {
    expect(
      writeEmbeddedReply({ order_id: '4521', v_status: 'processing', v_carrier: '', v_eta: '' }, order),
    ).toEqual({
      text: 'Here is what I found: status: processing.',
      templateSkipped:
        'the instructions template was not used: {v_carrier} is empty, {v_eta} is empty; the reply listed the mapped variables instead',
    });
    expect(writeEmbeddedReply({}, order)).toEqual({
      text: NOTHING_FOUND,
      templateSkipped:
        'the instructions template was not used: {order_id} is not set, {v_status} is not set, {v_carrier} is not set, {v_eta} is not set; the reply said nothing was found instead',
    });
  });

  it('has nothing to report when there is no template', () => {
    expect(writeEmbeddedReply({ v_status: 'shipped' }, { mappedVariables: ['v_status'] })).toEqual({
      text: 'Here is what I found: status: shipped.',
    });
  });
});

describe('readable labels', () => {
  it.each([
    ['delivery_eta', 'delivery eta'],
    ['deliveryETA', 'delivery eta'],
    ['order_status', 'order status'],
    ['v_status', 'status'],
    ['vCarrierName', 'carrier name'],
    ['var_total-price', 'total price'],
    ['res.trackingUrl', 'tracking url'],
    ['_internal_note', 'internal note'],
    ['v', 'v'],
    ['res', 'res'],
    ['value', 'value'],
  ])('%s → %s', (name, label) => {
    expect(readableLabel(name)).toBe(label);
  });
});
