/**
 * Stable operationIds for client generators, derived from method + path the REST way:
 * `GET /conversations` → listConversations, `GET /conversations/:id` → getConversation,
 * `POST /conversations/:id/messages` → createConversationMessage, `POST /endpoints/:id/test` →
 * testEndpoint. Paths that do not read as a resource (sign-in, the visitor's side, settings) are
 * named here instead; openapi-responses.test.ts checks that every id is unique.
 */
const named: Record<string, string> = {
  'GET /healthz': 'checkHealth',
  'GET /readyz': 'checkReadiness',
  'POST /api/v1/platform/tenants/:id/credits': 'addTenantCredits',
  'POST /api/v1/auth/login': 'login',
  'GET /api/v1/auth/me': 'getSignedInOperator',
  'POST /api/v1/auth/logout': 'logout',
  'POST /api/v1/tenant-api/connections/import/openapi': 'importOpenApiEndpoints',
  'POST /api/v1/tenant-api/connections/from-template': 'createConnectionFromTemplate',
  'POST /api/v1/tenant-api/webhooks/:id/rotate-secret': 'rotateWebhookSecret',
  'GET /api/v1/tenant-api/settings/rules': 'getRuleSettings',
  'PATCH /api/v1/tenant-api/settings/rules': 'updateRuleSettings',
  'GET /api/v1/tenant-api/settings/ai': 'getAiSettings',
  'PUT /api/v1/tenant-api/settings/ai': 'replaceAiSettings',
  'PATCH /api/v1/tenant-api/settings/ai': 'updateAiSettings',
  'DELETE /api/v1/tenant-api/settings/ai': 'resetAiSettings',
  'POST /api/v1/tenant-api/settings/ai/test': 'testAiProvider',
  'GET /api/v1/tenant-api/ai-usage': 'listAiUsage',
  'GET /api/v1/widget/:widgetId': 'getPublicWidget',
  'POST /api/v1/widget/:widgetId/conversations': 'startConversation',
  'POST /api/v1/widget/conversations/:id/messages': 'sendVisitorMessage',
  'GET /api/v1/widget/conversations/:id/messages': 'listVisitorMessages',
};

/** A trailing POST segment that is an action on the resource before it, not a collection. */
const actions = new Set(['test', 'retry']);

const API_AREA = /^\/api\/v\d+\/(tenant-api|platform|widget|auth)(?=\/|$)/;

const isParam = (segment: string) => segment.startsWith(':');
const isPlural = (word: string) => word.endsWith('s') && !word.endsWith('ss');
const singular = (word: string) =>
  word.endsWith('ies') ? `${word.slice(0, -3)}y` : isPlural(word) ? word.slice(0, -1) : word;
const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

export function operationIdFor(method: string, url: string): string {
  const fixed = named[`${method} ${url}`];
  if (fixed) return fixed;
  const segments = url.replace(API_AREA, '').split('/').filter(Boolean);
  const last = segments.at(-1) ?? '';
  const action = method === 'POST' && actions.has(last) ? last : undefined;
  if (action) segments.pop();
  const endsWithParam = isParam(segments.at(-1) ?? '');
  // A segment followed by an id names one item of it (conversations/:id → Conversation).
  const resource = segments.flatMap((segment, i) => {
    if (isParam(segment)) return [];
    const one = isParam(segments[i + 1] ?? '') || (method === 'POST' && !action && i === segments.length - 1);
    return (one ? singular(segment) : segment).split('-');
  });
  const verb = action ?? verbFor(method, endsWithParam, resource.at(-1) ?? '');
  return verb + resource.map(capitalised).join('');
}

function verbFor(method: string, endsWithParam: boolean, lastWord: string): string {
  switch (method) {
    case 'GET':
      return endsWithParam || !isPlural(lastWord) ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'replace';
    case 'PATCH':
      return 'update';
    case 'DELETE':
      return 'delete';
    default:
      return method.toLowerCase();
  }
}
