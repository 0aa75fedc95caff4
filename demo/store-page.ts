import { products } from './shop-data.ts';

const escapeHtml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const demoQuestions = [
  'Where is my order #4521?',
  'How much is product 42?',
  'Is room 205 available next week?',
];

/** The demo shop's page: a few products, the questions to try, and the one-line widget embed. */
export function renderStorePage(widgetId: string): string {
  const cards = Object.values(products)
    .map(
      (p) => `<li><strong>${escapeHtml(p.name)}</strong><span>Product ${escapeHtml(p.id)}</span>
<span>${p.price.amount.toFixed(2)} ${escapeHtml(p.price.currency)}</span></li>`,
    )
    .join('\n');
  const questions = demoQuestions
    .map((q) => `<li><button type="button" class="ask">${escapeHtml(q)}</button></li>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Acme Outfitters — Parley demo</title>
<style>
body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1f2328;background:#fafafa}
header{padding:24px 32px;background:#111827;color:#fff}header p{margin:4px 0 0;color:#cbd5e1}
main{max-width:860px;margin:0 auto;padding:24px 32px}
ul.products{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:16px}
ul.products li{background:#fff;border:1px solid #e5e7eb;border-radius:10px;padding:16px;display:grid;gap:4px}
.try{background:#ecfdf5;border:1px solid #a7f3d0;border-radius:10px;padding:16px 20px}
.try ul{padding-left:20px}.ask{font:inherit;background:none;border:0;color:#0f766e;text-decoration:underline;cursor:pointer;padding:0}
</style></head>
<body><header><h1>Acme Outfitters</h1><p>A sample shop with the Parley chat widget — bottom right.</p></header>
<main>
<section class="try"><h2>Try it</h2><p>Open the chat and ask (click one to copy it into the chat):</p><ul>${questions}</ul>
<p>Order #4521 belongs to <code>jane@example.com</code>: give that email when asked. Ask for "a person" to hand over to the dashboard's inbox.</p></section>
<h2>Products</h2><ul class="products">${cards}</ul>
</main>
<script>
document.querySelectorAll('.ask').forEach(function (b) {
  b.addEventListener('click', function () {
    window.Parley && window.Parley.open();
    var box = document.querySelector('parley-widget');
    var input = box && box.shadowRoot && box.shadowRoot.querySelector('textarea');
    if (input) { input.value = b.textContent; input.focus(); }
  });
});
</script>
<script src="/api/v1/widget/widget.js" data-widget-id="${escapeHtml(widgetId)}" async></script>
</body></html>`;
}
