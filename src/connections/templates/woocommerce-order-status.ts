import type { ConnectionTemplate } from './connection-template.ts';
import { endpointRef } from './connection-template.ts';

/** WooCommerce REST API v3 (consumer key/secret over HTTPS Basic) with email verification (seed 002). */
export const wooCommerceOrderStatus: ConnectionTemplate = {
  id: 'woocommerce-order-status',
  name: 'WooCommerce order status',
  description:
    'Looks up an order in your WooCommerce store and shares its status only after the visitor confirms the billing email.',
  baseUrlPlaceholder: 'https://your-store.example.com/wp-json/wc/v3',
  inputs: [
    { name: 'consumerKey', description: 'WooCommerce REST API consumer key (ck_…)', secret: true },
    { name: 'consumerSecret', description: 'WooCommerce REST API consumer secret (cs_…)', secret: true },
  ],
  build: (values) => ({
    auth: { type: 'basic', username: values.consumerKey, password: values.consumerSecret },
    endpoints: [
      {
        key: 'order',
        endpoint: {
          name: 'Order status',
          method: 'GET',
          path: '/orders/{orderId}',
          description: 'Returns the status, date, total and items of one WooCommerce order.',
          fields: [
            { name: 'orderId', type: 'integer', required: true, description: 'Order number' },
            { name: 'email', type: 'email', required: true, description: 'Email used for the order' },
          ],
          validations: [
            {
              input: 'email',
              compareWith: 'billing.email',
              type: 'equals_ignore_case',
              errorMessage: "Email doesn't match. Please verify your details.",
            },
          ],
          responseMapping: [
            { from: 'status', to: 'order_status' },
            { from: 'date_created', to: 'order_date' },
            { from: 'total', to: 'order_total' },
            { from: 'currency', to: 'order_currency' },
            { from: 'line_items[0].name', to: 'first_item' },
          ],
          aiPrompt:
            'Use this tool when a customer asks about their order status. Always ask for both order number AND email address. Only share order details if the email verification succeeds.',
        },
      },
    ],
    rule: {
      name: 'WooCommerce order status',
      type: 'ai',
      description: 'When the visitor asks about the status or delivery of their order',
      examples: ['Where is my order?', 'What is the status of order 4521?', 'Has my package shipped?'],
      actions: [
        {
          type: 'CALL_API',
          endpointId: endpointRef('order'),
          branches: [
            {
              status: '404',
              actions: [
                { type: 'REPLY_TEXT', text: "I couldn't find that order. Could you check the order number?" },
              ],
            },
          ],
        },
        {
          type: 'REPLY_AI',
          instructions:
            'Your order #{orderId} is {order_status} (ordered {order_date}, total {order_total} {order_currency}).',
        },
      ],
      stopProcessing: true,
    },
  }),
};
