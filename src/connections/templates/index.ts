import type { ConnectionTemplate } from './connection-template.ts';
import { hubspotContactLookup } from './hubspot-contact-lookup.ts';
import { shopifyOrderLookup } from './shopify-order-lookup.ts';
import { twoStepTokenAuth } from './two-step-token-auth.ts';
import { wooCommerceOrderStatus } from './woocommerce-order-status.ts';
import { zendeskTicketStatus } from './zendesk-ticket-status.ts';

export type { ConnectionTemplate } from './connection-template.ts';

/** The ready-made connections, in the order the dashboard lists them. */
export const connectionTemplates: readonly ConnectionTemplate[] = [
  wooCommerceOrderStatus,
  shopifyOrderLookup,
  twoStepTokenAuth,
  zendeskTicketStatus,
  hubspotContactLookup,
];
