import { describe, expect, it } from 'vitest';
import { isCredentialName, modelVisibleVariables } from './visible-variables.ts';

describe('variables an AI model may see', () => {
  it.each([
    'session_token',
    'accessToken',
    'x_api_key',
    'X-API-Key',
    'APIKey',
    'apikey',
    'api_token',
    'refresh_token',
    'password',
    'userPasswd',
    'client_secret',
    'AUTH',
    'auth_code',
    'authorization',
    'sessionId',
    'session',
    'cookie',
    'csrf_token',
    'signature',
    'privateKey',
    'credentials',
    'jwt',
    'pin',
  ])('treats %s as a credential', (name) => {
    expect(isCredentialName(name)).toBe(true);
  });

  it.each([
    'order_status',
    'delivery_eta',
    'author',
    'authorName',
    'possession_date',
    'keyboard_layout',
    'monkey',
    'price',
    'orderId',
    'plan_name',
    'email',
  ])('shows %s', (name) => {
    expect(isCredentialName(name)).toBe(false);
  });

  it('leaves out internal variables, credentials by name, and values that are credentials', () => {
    const variables = {
      order_status: 'shipped',
      _pendingRule: 'r1:1',
      session_token: 'tok-123',
      accessToken: 'abc',
      reference: 'sk-live-1234567890',
      header: 'Bearer sk-live-1234567890',
      note: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig-nature',
      pin_hint: '1234',
      orderId: '4521',
    };
    expect(modelVisibleVariables(variables, ['sk-live-1234567890', '1234'])).toEqual({
      order_status: 'shipped',
      orderId: '4521',
    });
  });

  it('hides a short stored secret only when the whole value is that secret', () => {
    expect(modelVisibleVariables({ orderId: '41234', code: '1234' }, ['1234'])).toEqual({ orderId: '41234' });
  });
});
