import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { orders, products, roomAvailability } from './shop-data.ts';

/** Credentials of the sample APIs; the demo tenant's connections hold them (encrypted). */
export const shopCredentials = {
  ordersToken: 'demo-orders-token-4f1c2b9e',
  pricingKey: 'demo-pricing-key-7d3a61c0',
  hotelClientId: 'parley-demo',
  hotelClientSecret: 'demo-hotel-secret-92be17aa',
};

const HOTEL_TOKEN = 'demo-hotel-access-token';

type Reply = { status: number; body: unknown };
const json = (status: number, body: unknown): Reply => ({ status, body });
const unauthorized = json(401, { error: 'unauthorized' });

async function readBody(request: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

type Handler = (id: string, request: http.IncomingMessage, url: URL) => Reply | Promise<Reply>;

const bearer = (request: http.IncomingMessage) => request.headers.authorization ?? '';

function getOrder(id: string, request: http.IncomingMessage): Reply {
  if (bearer(request) !== `Bearer ${shopCredentials.ordersToken}`) return unauthorized;
  const order = orders[id.replace(/^#/, '')];
  return order ? json(200, { data: order }) : json(404, { error: 'order not found' });
}

function getPrice(id: string, request: http.IncomingMessage): Reply {
  if (request.headers['x-api-key'] !== shopCredentials.pricingKey) return unauthorized;
  const product = products[id];
  if (!product) return json(404, { error: 'product not found' });
  const { name, stock, price } = product;
  return json(200, { productId: id, name, price: price.amount.toFixed(2), currency: price.currency, stock });
}

async function issueHotelToken(_id: string, request: http.IncomingMessage): Promise<Reply> {
  const form = new URLSearchParams(await readBody(request));
  const { hotelClientId: id, hotelClientSecret: secret } = shopCredentials;
  const viaBasic = bearer(request) === `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
  const viaBody = form.get('client_id') === id && form.get('client_secret') === secret;
  if (form.get('grant_type') !== 'client_credentials' || !(viaBasic || viaBody)) {
    return json(401, { error: 'invalid_client' });
  }
  return json(200, { access_token: HOTEL_TOKEN, token_type: 'Bearer', expires_in: 3600 });
}

function getRoom(id: string, request: http.IncomingMessage, url: URL): Reply {
  if (bearer(request) !== `Bearer ${HOTEL_TOKEN}`) return unauthorized;
  const room = roomAvailability(id, url.searchParams.get('date'));
  return room ? json(200, { data: room }) : json(404, { error: 'room not found' });
}

/** The three sample backends: orders (bearer), pricing (API key), hotel (OAuth2 client credentials). */
const routes: Array<[method: string, path: RegExp, handler: Handler]> = [
  ['GET', /^\/orders\/v2\/orders\/([^/]+)$/, getOrder],
  ['GET', /^\/pricing\/products\/([^/]+)\/price$/, getPrice],
  ['POST', /^\/hotel\/oauth\/token()$/, issueHotelToken],
  ['GET', /^\/hotel\/v1\/rooms\/([^/]+)\/availability$/, getRoom],
  ['GET', /^\/health()$/, () => json(200, { ok: true })],
];

async function route(request: http.IncomingMessage): Promise<Reply> {
  const url = new URL(request.url ?? '/', 'http://shop.local');
  for (const [method, path, handler] of routes) {
    const match = path.exec(url.pathname);
    if (match && request.method === method) return handler(decodeURIComponent(match[1]), request, url);
  }
  return json(404, { error: 'not found' });
}

/**
 * Starts the sample shop backend on loopback. Parley reaches it only because the demo adds exactly
 * this host:port to PARLEY_OUTBOUND_ALLOW.
 */
export async function startShopApi(port = 0, host = '127.0.0.1') {
  const server = http.createServer((request, response) => {
    route(request).then(
      ({ status, body }) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      },
      () => {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end('{"error":"internal"}');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    host,
    port: address.port,
    baseUrl: `http://${host}:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// import.meta.main needs Node 24.2; compare paths so Node 22 runs the demo too.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const shop = await startShopApi(Number(process.env.PORT ?? 4010));
  console.log(`Sample shop API on ${shop.baseUrl}`);
}
