import { basicAuthorization } from '../auth/basic.ts';
import type { ConnectionTemplate } from './connection-template.ts';
import { endpointRef } from './connection-template.ts';

/**
 * Seed 002 "Chained API Calls": a login call returns a token, mapped to
 * `auth_token`, which the protected call sends in its Authorization header.
 * The login sends the API user's credentials as a literal Basic header, which
 * Parley stores sealed like any credential; adapt the login endpoint if your
 * API expects them in a JSON body instead.
 */
export const twoStepTokenAuth: ConnectionTemplate = {
  id: 'two-step-token-auth',
  name: 'API authentication flow (two-step token)',
  description: 'Logs in to get a short-lived token, then calls a protected endpoint with it.',
  baseUrlPlaceholder: 'https://api.your-company.example.com',
  inputs: [
    { name: 'username', description: 'API user for the login call', secret: false },
    { name: 'password', description: 'Password of that API user', secret: true },
  ],
  build: (values) => ({
    auth: { type: 'none' },
    endpoints: [
      {
        key: 'login',
        endpoint: {
          name: 'Log in',
          method: 'POST',
          path: '/auth/login',
          headers: { Authorization: basicAuthorization(values.username, values.password) },
          bodyTemplate: '{"grant_type": "password"}',
          description: 'Step 1: exchanges the API user credentials for a token.',
          responseMapping: [{ from: 'token', to: 'auth_token' }],
          aiCallable: false,
        },
      },
      {
        key: 'protected',
        endpoint: {
          name: 'Customer account',
          method: 'GET',
          path: '/customers/{customerId}',
          headers: { Authorization: 'Bearer {auth_token}' },
          description: 'Step 2: returns a customer account; needs the token from the login call.',
          fields: [{ name: 'customerId', type: 'string', required: true, description: 'Customer number' }],
          responseMapping: [
            { from: 'plan', to: 'customer_plan' },
            { from: 'balance', to: 'customer_balance' },
          ],
          aiCallable: false,
        },
      },
    ],
    rule: {
      name: 'Account lookup (login, then protected call)',
      type: 'ai',
      description: 'When the visitor asks about their account, plan or balance',
      examples: ['What plan am I on?', "What's my balance?"],
      actions: [
        { type: 'CALL_API', endpointId: endpointRef('login') },
        { type: 'CALL_API', endpointId: endpointRef('protected') },
        {
          type: 'REPLY_AI',
          instructions: 'You are on the {customer_plan} plan; your balance is {customer_balance}.',
        },
      ],
      stopProcessing: true,
    },
  }),
};
