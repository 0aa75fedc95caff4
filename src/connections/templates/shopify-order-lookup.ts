import type { ConnectionTemplate } from './connection-template.ts';
import { endpointRef } from './connection-template.ts';

/** Shopify Admin REST API with a custom-app access token; finds an order by its number. */
export const shopifyOrderLookup: ConnectionTemplate = {
  id: 'shopify-order-lookup',
  name: 'Shopify order lookup',
  description:
    'Finds a Shopify order by its number and confirms the customer email before sharing payment and fulfilment status.',
  baseUrlPlaceholder: 'https://your-shop.myshopify.com/admin/api/2024-10',
  inputs: [
    { name: 'accessToken', description: 'Admin API access token of a custom app (shpat_…)', secret: true },
  ],
  build: (values) => ({
    auth: {
      type: 'api_key',
      key: values.accessToken,
      headerName: 'X-Shopify-Access-Token',
      in: 'header',
      queryParam: 'api_key',
    },
    endpoints: [
      {
        key: 'order',
        endpoint: {
          name: 'Order by number',
          method: 'GET',
          path: '/orders.json',
          queryParams: {
            name: '{orderNumber}',
            status: 'any',
            fields: 'name,email,financial_status,fulfillment_status,total_price,currency,fulfillments',
          },
          description:
            'Returns the payment and fulfilment status of a Shopify order, by order number (#1001).',
          fields: [
            {
              name: 'orderNumber',
              type: 'string',
              required: true,
              description: 'Order number',
              pattern: '^#?[0-9]{1,12}$',
            },
            { name: 'email', type: 'email', required: true, description: 'Email used for the order' },
          ],
          validations: [
            {
              input: 'email',
              compareWith: 'orders[0].email',
              type: 'equals_ignore_case',
              errorMessage: "That email doesn't match this order. Please check your details.",
            },
          ],
          responseMapping: [
            { from: 'orders[0].name', to: 'order_name' },
            { from: 'orders[0].financial_status', to: 'payment_status' },
            { from: 'orders[0].fulfillment_status', to: 'fulfillment_status' },
            { from: 'orders[0].total_price', to: 'order_total' },
            { from: 'orders[0].currency', to: 'order_currency' },
            { from: 'orders[0].fulfillments[0].tracking_url', to: 'tracking_url' },
          ],
        },
      },
    ],
    rule: {
      name: 'Shopify order lookup',
      type: 'ai',
      description: 'When the visitor asks where their Shopify order is or whether it has shipped',
      examples: ['Where is order #1001?', 'Has my order shipped yet?'],
      actions: [
        { type: 'CALL_API', endpointId: endpointRef('order') },
        {
          type: 'REPLY_AI',
          instructions: 'Order {order_name}: payment {payment_status}, fulfilment {fulfillment_status}.',
        },
      ],
      stopProcessing: true,
    },
  }),
};
