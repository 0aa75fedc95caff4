import { describe, expect, it } from 'vitest';
import type { Action, Rule } from './rule-types.ts';
import { rulesCalling, turnedOffWarning } from './rules-calling.ts';

const rule = (name: string, actions: Action[], enabled = true) =>
  ({ id: name, name, enabled, actions }) as unknown as Rule;

describe('rulesCalling', () => {
  const direct = rule('Direct', [{ type: 'CALL_API', endpointId: 'e-1', branches: [] }]);
  const nested = rule('Nested', [
    {
      type: 'CALL_API',
      endpointId: 'e-2',
      branches: [{ status: '404', actions: [{ type: 'CALL_API', endpointId: 'e-1', branches: [] }] }],
    },
  ]);
  const off = rule('Off', [{ type: 'CALL_API', endpointId: 'e-1', branches: [] }], false);
  const other = rule('Other', [{ type: 'REPLY_TEXT', text: 'hi' }]);

  it('finds enabled rules calling an endpoint, in branches too', () => {
    expect(rulesCalling([direct, nested, off, other], ['e-1']).map((r) => r.name)).toEqual([
      'Direct',
      'Nested',
    ]);
    expect(rulesCalling([direct, nested, off, other], ['e-3'])).toEqual([]);
  });

  it('names them in one sentence', () => {
    expect(turnedOffWarning([])).toBeNull();
    expect(turnedOffWarning([direct])).toBe('This rule will be turned off: “Direct”.');
    expect(turnedOffWarning([direct, nested])).toBe('These rules will be turned off: “Direct”, “Nested”.');
  });
});
