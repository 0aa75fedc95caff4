import http from 'node:http';
import type { AddressInfo } from 'node:net';

const escapeAttr = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A customer's page on another origin than the Parley server, embedding the widget with one script
 * tag. `?userId=&email=&name=&userHash=` become the tag's data-user-* attributes.
 */
export async function startHostPageServer(scriptUrl: string, widgetId: string) {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://host.invalid');
    const attrs = [`data-widget-id="${escapeAttr(widgetId)}"`];
    const map: Record<string, string> = {
      userId: 'user-id',
      email: 'user-email',
      name: 'user-name',
      userHash: 'user-hash',
    };
    for (const [param, attr] of Object.entries(map)) {
      const value = url.searchParams.get(param);
      if (value !== null) attrs.push(`data-${attr}="${escapeAttr(value)}"`);
    }
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end(`<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>Shop</title></head>
<body><h1>Acme Shop</h1><a href="#top" id="page-link">A link on the page</a>
<script src="${escapeAttr(scriptUrl)}" ${attrs.join(' ')} async></script></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
