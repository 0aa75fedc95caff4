import { shopCredentials } from './shop-api.ts';

/**
 * The demo tenant's setup, as Tenant API bodies: seed 000's recipes (order status, real-time
 * pricing, hotel availability), seed 002's email verification, and a hand-off to a person.
 */
export const DEMO_TENANT_NAME = 'Parley Demo Shop';
export const DEMO_WIDGET_NAME = 'Demo store chat';
export const DEMO_ADMIN_EMAIL = 'demo@parley.local';

export function demoConnections(shopBaseUrl: string) {
  return {
    orders: {
      name: 'Order Management API',
      baseUrl: `${shopBaseUrl}/orders/v2`,
      auth: { type: 'bearer', token: shopCredentials.ordersToken },
      headers: { 'Accept-Language': 'en' },
    },
    pricing: {
      name: 'Pricing API',
      baseUrl: `${shopBaseUrl}/pricing`,
      auth: { type: 'api_key', key: shopCredentials.pricingKey, headerName: 'X-Api-Key' },
    },
    hotel: {
      name: 'Hotel Booking API',
      baseUrl: `${shopBaseUrl}/hotel/v1`,
      auth: {
        type: 'oauth2_client_credentials',
        tokenUrl: `${shopBaseUrl}/hotel/oauth/token`,
        clientId: shopCredentials.hotelClientId,
        clientSecret: shopCredentials.hotelClientSecret,
        scope: 'rooms:read',
      },
    },
  };
}

export type DemoConnectionKey = keyof ReturnType<typeof demoConnections>;

export const demoEndpoints = {
  orderStatus: {
    connection: 'orders' as DemoConnectionKey,
    body: {
      name: 'Order status',
      method: 'GET',
      path: '/orders/{orderId}',
      description: 'Returns the status, carrier and delivery estimate of one order',
      fields: [
        {
          name: 'orderId',
          type: 'string',
          required: true,
          description: 'your order number',
          pattern: '^[0-9]{3,10}$',
        },
        { name: 'email', type: 'email', required: true, description: 'the email address used for the order' },
      ],
      validations: [
        {
          input: 'email',
          compareWith: 'data.billing.email',
          type: 'equals_ignore_case',
          errorMessage: "Email doesn't match. Please verify your details.",
        },
      ],
      responseMapping: [
        { from: 'data.status', to: 'order_status' },
        { from: 'data.eta', to: 'delivery_eta' },
        { from: 'data.carrier', to: 'order_carrier' },
        { from: 'data.items[0].name', to: 'first_item' },
      ],
    },
  },
  productPrice: {
    connection: 'pricing' as DemoConnectionKey,
    body: {
      name: 'Product price',
      method: 'GET',
      path: '/products/{productId}/price',
      description: 'Returns the current price, currency and stock of one product',
      fields: [
        {
          name: 'productId',
          type: 'string',
          required: true,
          description: 'the product number',
          pattern: '^[0-9]{1,8}$',
        },
      ],
      responseMapping: [
        { from: 'price', to: 'current_price' },
        { from: 'currency', to: 'price_currency' },
        { from: 'name', to: 'product_name' },
        { from: 'stock', to: 'product_stock' },
      ],
    },
  },
  roomAvailability: {
    connection: 'hotel' as DemoConnectionKey,
    body: {
      name: 'Room availability',
      method: 'GET',
      path: '/rooms/{roomId}/availability',
      queryParams: { date: '{date}' },
      description: 'Returns whether a hotel room is available on a date, and its price per night',
      fields: [
        {
          name: 'roomId',
          type: 'string',
          required: true,
          description: 'the room number',
          pattern: '^[0-9]{3}$',
        },
        { name: 'date', type: 'date', required: true, description: 'the date of your stay' },
      ],
      responseMapping: [
        { from: 'data.status', to: 'room_status' },
        { from: 'data.available', to: 'room_available' },
        { from: 'data.price.amount', to: 'room_price' },
        { from: 'data.price.currency', to: 'room_currency' },
      ],
    },
  },
};

export type DemoEndpointKey = keyof typeof demoEndpoints;

/** Rule bodies; `endpoint(key)` resolves the id of an endpoint created just before. */
export function demoRules(endpoint: (key: DemoEndpointKey) => string, operatorId: string | null) {
  return [
    {
      name: 'Real-time pricing',
      type: 'static',
      priority: 10,
      conditions: [
        {
          type: 'MESSAGE_MATCHES_REGEX',
          pattern: '\\b(?:price|cost|how much)\\b\\D{0,40}?(\\d{1,8})',
          flags: 'i',
        },
      ],
      actions: [
        {
          type: 'CALL_API',
          endpointId: endpoint('productPrice'),
          params: { productId: '{match.1}' },
          branches: [
            {
              status: '2xx',
              actions: [
                {
                  type: 'REPLY_TEXT',
                  text: 'The current price of {product_name} (product {match.1}) is {current_price} {price_currency}. {product_stock} in stock.',
                },
              ],
            },
            {
              status: '404',
              actions: [
                {
                  type: 'REPLY_TEXT',
                  text: "I couldn't find product {match.1}. The number is on each product page.",
                },
              ],
            },
          ],
        },
      ],
      stopProcessing: true,
    },
    {
      name: 'Talk to a person',
      type: 'static',
      priority: 20,
      conditions: [
        { type: 'MESSAGE_MATCHES_REGEX', pattern: '\\b(human|person|agent|operator|someone)\\b', flags: 'i' },
      ],
      actions: [
        { type: 'REPLY_TEXT', text: "Sure — I've asked a teammate to join. They'll reply right here." },
        { type: 'ASSIGN_TO_OPERATOR', operatorId },
      ],
      stopProcessing: true,
    },
    {
      name: 'Order status',
      type: 'ai',
      priority: 30,
      description: 'When the visitor asks about their order status, shipping, tracking or delivery',
      examples: [
        'Where is my order #4521?',
        'Has my order shipped yet?',
        'When will my package arrive?',
        'Track order 4522',
        'What is the status of my order?',
      ],
      actions: [
        {
          type: 'CALL_API',
          endpointId: endpoint('orderStatus'),
          branches: [
            {
              status: '2xx',
              actions: [
                {
                  type: 'REPLY_AI',
                  instructions:
                    'Your order #{orderId} ({first_item}) is {order_status} with {order_carrier} and should arrive {delivery_eta}.',
                },
              ],
            },
            {
              status: '404',
              actions: [
                {
                  type: 'REPLY_TEXT',
                  text: "I couldn't find order #{orderId}. Please check the number in your confirmation email.",
                },
              ],
            },
          ],
        },
      ],
      stopProcessing: true,
    },
    {
      name: 'Room availability',
      type: 'ai',
      priority: 40,
      description: 'When the visitor asks whether a hotel room is available or free on a date',
      examples: [
        'Is room 205 available next week?',
        'Is room 101 free on Friday?',
        'Can I book room 301 tomorrow?',
      ],
      actions: [
        { type: 'CALL_API', endpointId: endpoint('roomAvailability') },
        {
          type: 'REPLY_AI',
          instructions: 'Room {roomId} is {room_status} on {date} at {room_price} {room_currency} per night.',
        },
      ],
      stopProcessing: true,
    },
  ];
}
