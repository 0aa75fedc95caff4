import type { z } from 'zod';
import { aiSettingsResource, aiUsageResource, providerTestResource } from './ai-resources.ts';
import {
  callLogResource,
  connectionResource,
  connectionTemplateResource,
  connectionTestResource,
  endpointResource,
  endpointTestResource,
  fromTemplateResource,
  openApiImportResource,
  savedEndpointResource,
} from './connection-resources.ts';
import {
  apiKeyResource,
  billingBalanceResource,
  conversationDetailResource,
  conversationResource,
  issuedApiKeyResource,
  messageResource,
  operatorResource,
  widgetResource,
} from './conversation-resources.ts';
import { noContent, one, page } from './envelopes.ts';
import {
  createdTenantResource,
  creditsResource,
  healthResource,
  readinessResource,
  sessionResource,
} from './platform-resources.ts';
import {
  ruleLogResource,
  ruleResource,
  rulesSettingsResource,
  rulesTestResource,
  savedRuleResource,
} from './rule-resources.ts';
import {
  deliveryResource,
  pingResultResource,
  webhookResource,
  webhookWithSecretResource,
} from './webhook-resources.ts';
import {
  publicWidgetResource,
  startedConversationResource,
  visitorMessageResource,
} from './widget-api-resources.ts';

export type DocumentedResponses = Record<number, z.ZodType>;

const PLATFORM = '/api/v1/platform';
const TENANT = '/api/v1/tenant-api';
const WIDGET = '/api/v1/widget';

/**
 * The success answers of each operation, by `METHOD url` as Fastify registers the route (`:id`).
 * Documentation only (see envelopes.ts); what the handlers and to-resource mappers really send.
 * An operation missing here keeps the generic `2XX` of openapi-document.ts.
 */
const responses: Record<string, DocumentedResponses> = {
  'GET /healthz': { 200: one(healthResource) },
  'GET /readyz': { 200: one(readinessResource) },

  [`POST ${PLATFORM}/tenants`]: { 201: one(createdTenantResource) },
  [`POST ${PLATFORM}/tenants/:id/api-keys`]: { 201: one(issuedApiKeyResource) },
  [`POST ${PLATFORM}/tenants/:id/credits`]: { 200: one(creditsResource) },

  'POST /api/v1/auth/login': { 200: one(sessionResource) },
  'GET /api/v1/auth/me': { 200: one(sessionResource) },
  'POST /api/v1/auth/logout': { 204: noContent() },

  [`GET ${TENANT}/api-keys`]: { 200: page(apiKeyResource) },
  [`POST ${TENANT}/api-keys`]: { 201: one(issuedApiKeyResource) },
  [`DELETE ${TENANT}/api-keys/:id`]: { 204: noContent() },

  [`GET ${TENANT}/widgets`]: { 200: page(widgetResource) },
  [`POST ${TENANT}/widgets`]: { 201: one(widgetResource) },
  [`GET ${TENANT}/widgets/:id`]: { 200: one(widgetResource) },
  [`PATCH ${TENANT}/widgets/:id`]: { 200: one(widgetResource) },

  [`GET ${TENANT}/operators`]: { 200: page(operatorResource) },
  [`POST ${TENANT}/operators`]: { 201: one(operatorResource) },
  [`GET ${TENANT}/operators/:id`]: { 200: one(operatorResource) },
  [`PATCH ${TENANT}/operators/:id`]: { 200: one(operatorResource) },
  [`DELETE ${TENANT}/operators/:id`]: { 204: noContent() },

  [`GET ${TENANT}/conversations`]: { 200: page(conversationResource) },
  [`GET ${TENANT}/conversations/:id`]: { 200: one(conversationDetailResource) },
  [`PATCH ${TENANT}/conversations/:id`]: { 200: one(conversationResource) },
  [`POST ${TENANT}/conversations/:id/messages`]: { 201: one(messageResource) },
  [`GET ${TENANT}/billing/balance`]: { 200: one(billingBalanceResource) },

  [`GET ${TENANT}/connections`]: { 200: page(connectionResource) },
  [`POST ${TENANT}/connections`]: { 201: one(connectionResource) },
  [`GET ${TENANT}/connections/:id`]: { 200: one(connectionResource) },
  [`PATCH ${TENANT}/connections/:id`]: { 200: one(connectionResource) },
  [`DELETE ${TENANT}/connections/:id`]: { 204: noContent() },
  [`POST ${TENANT}/connections/:id/test`]: { 200: one(connectionTestResource) },

  [`GET ${TENANT}/connections/:id/endpoints`]: { 200: page(endpointResource) },
  [`POST ${TENANT}/connections/:id/endpoints`]: { 201: one(savedEndpointResource) },
  [`GET ${TENANT}/endpoints`]: { 200: page(endpointResource) },
  [`GET ${TENANT}/endpoints/:id`]: { 200: one(endpointResource) },
  [`PATCH ${TENANT}/endpoints/:id`]: { 200: one(savedEndpointResource) },
  [`DELETE ${TENANT}/endpoints/:id`]: { 204: noContent() },
  [`POST ${TENANT}/endpoints/:id/test`]: { 200: one(endpointTestResource) },
  [`GET ${TENANT}/call-logs`]: { 200: page(callLogResource) },
  [`POST ${TENANT}/connections/import/openapi`]: { 201: one(openApiImportResource) },
  [`GET ${TENANT}/connection-templates`]: { 200: page(connectionTemplateResource) },
  [`POST ${TENANT}/connections/from-template`]: { 201: one(fromTemplateResource) },

  [`GET ${TENANT}/rules`]: { 200: page(ruleResource) },
  [`POST ${TENANT}/rules`]: { 201: one(savedRuleResource) },
  [`POST ${TENANT}/rules/test`]: { 200: one(rulesTestResource) },
  [`GET ${TENANT}/rules/:id`]: { 200: one(ruleResource) },
  [`PATCH ${TENANT}/rules/:id`]: { 200: one(savedRuleResource) },
  [`DELETE ${TENANT}/rules/:id`]: { 204: noContent() },
  [`GET ${TENANT}/rule-logs`]: { 200: page(ruleLogResource) },
  [`GET ${TENANT}/settings/rules`]: { 200: one(rulesSettingsResource) },
  [`PATCH ${TENANT}/settings/rules`]: { 200: one(rulesSettingsResource) },

  [`GET ${TENANT}/settings/ai`]: { 200: one(aiSettingsResource) },
  [`PUT ${TENANT}/settings/ai`]: { 200: one(aiSettingsResource) },
  [`PATCH ${TENANT}/settings/ai`]: { 200: one(aiSettingsResource) },
  // Answers the settings now in force (the installation's provider), not 204.
  [`DELETE ${TENANT}/settings/ai`]: { 200: one(aiSettingsResource) },
  [`POST ${TENANT}/settings/ai/test`]: { 200: one(providerTestResource) },
  [`GET ${TENANT}/ai-usage`]: { 200: page(aiUsageResource) },

  [`GET ${TENANT}/webhooks`]: { 200: page(webhookResource) },
  [`POST ${TENANT}/webhooks`]: { 201: one(webhookWithSecretResource) },
  [`GET ${TENANT}/webhooks/:id`]: { 200: one(webhookResource) },
  [`PATCH ${TENANT}/webhooks/:id`]: { 200: one(webhookResource) },
  [`DELETE ${TENANT}/webhooks/:id`]: { 204: noContent() },
  [`POST ${TENANT}/webhooks/:id/rotate-secret`]: { 200: one(webhookWithSecretResource) },
  [`GET ${TENANT}/webhooks/:id/deliveries`]: { 200: page(deliveryResource) },
  [`POST ${TENANT}/webhooks/:id/deliveries/:deliveryId/retry`]: { 202: one(deliveryResource) },
  [`POST ${TENANT}/webhooks/:id/test`]: { 200: one(pingResultResource) },

  [`GET ${WIDGET}/:widgetId`]: { 200: one(publicWidgetResource) },
  [`POST ${WIDGET}/:widgetId/conversations`]: { 201: one(startedConversationResource) },
  [`POST ${WIDGET}/conversations/:id/messages`]: { 201: one(visitorMessageResource) },
  [`GET ${WIDGET}/conversations/:id/messages`]: { 200: page(messageResource) },
};

export function documentedResponses(method: string, url: string): DocumentedResponses | undefined {
  return responses[`${method} ${url}`];
}
