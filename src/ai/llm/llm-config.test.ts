import { describe, expect, it } from 'vitest';
import { timeoutError } from '../../http/guarded-fetch/to-outbound-error.ts';
import { describeAiError } from './llm-config.ts';

describe('describeAiError', () => {
  it('names the model and the setting to raise when a model call times out, not an endpoint’s timeoutMs', () => {
    expect(describeAiError(timeoutError(5000))).toBe(
      'the model did not answer within 5000 ms (PARLEY_OUTBOUND_TIMEOUT_MS: raise it for slow models)',
    );
  });
});
