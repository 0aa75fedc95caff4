import { describe, expect, it } from 'vitest';
import { mapResponse } from './map-response.ts';

const json = 'application/json; charset=utf-8';

describe('mapResponse', () => {
  it('maps the seed 000 example to strings', () => {
    const body = '{"data":{"available":true,"price":{"amount":120,"currency":"EUR"}}}';
    const result = mapResponse(body, json, [
      { from: 'data.available', to: 'room_available' },
      { from: 'data.price.amount', to: 'room_price' },
      { from: 'data.price.currency', to: 'room_currency' },
    ]);
    expect(result).toEqual({
      ok: true,
      mapped: { room_available: 'true', room_price: '120', room_currency: 'EUR' },
      missing: [],
    });
  });

  it('maps numbers by their source text, false, and null as ""', () => {
    const body = '{"a":1.5,"b":1.50,"c":false,"d":null,"e":0}';
    const result = mapResponse(body, json, [
      { from: 'a', to: 'a' },
      { from: 'b', to: 'b' },
      { from: 'c', to: 'c' },
      { from: 'd', to: 'd' },
      { from: 'e', to: 'e' },
    ]);
    expect(result).toEqual({
      ok: true,
      mapped: { a: '1.5', b: '1.50', c: 'false', d: '', e: '0' },
      missing: [],
    });
  });

  it('maps nested objects and arrays as compact JSON text', () => {
    const body = '{"data":{"price":{"amount":120, "currency":"EUR"},"items":[{"id":1},{"id":2}]}}';
    const result = mapResponse(body, json, [
      { from: 'data.price', to: 'price' },
      { from: 'data.items', to: 'items' },
      { from: 'data.items[1].id', to: 'second' },
    ]);
    expect(result).toEqual({
      ok: true,
      mapped: { price: '{"amount":120,"currency":"EUR"}', items: '[{"id":1},{"id":2}]', second: '2' },
      missing: [],
    });
  });

  it('keeps big integers exactly: top-level, nested and inside mapped objects', () => {
    expect(mapResponse('12345678901234567890', json, [{ from: '', to: 'whole' }])).toMatchObject({
      mapped: { whole: '12345678901234567890' },
    });
    const body = '{"order":{"id":12345678901234567890,"lines":[{"sku":98765432109876543210}]}}';
    const result = mapResponse(body, json, [
      { from: 'order.id', to: 'order_id' },
      { from: 'order', to: 'order' },
      { from: 'order.lines[0]', to: 'line' },
    ]);
    expect(result).toEqual({
      ok: true,
      mapped: {
        order_id: '12345678901234567890',
        order: '{"id":12345678901234567890,"lines":[{"sku":98765432109876543210}]}',
        line: '{"sku":98765432109876543210}',
      },
      missing: [],
    });
  });

  it('reads top-level arrays and lists absent paths in missing', () => {
    const result = mapResponse('[{"id":"a1"}]', json, [
      { from: '[0].id', to: 'first_id' },
      { from: '[1].id', to: 'second_id' },
      { from: 'data.nothing', to: 'nothing' },
    ]);
    expect(result).toEqual({ ok: true, mapped: { first_id: 'a1' }, missing: ['[1].id', 'data.nothing'] });
  });

  it('accepts a Buffer body with a BOM', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"name":"Zoë"}')]);
    expect(mapResponse(body, json, [{ from: 'name', to: 'name' }])).toMatchObject({
      mapped: { name: 'Zoë' },
    });
  });

  it('says clearly when the body is not JSON', () => {
    const result = mapResponse('<html>Oops</html>', 'text/html; charset=utf-8', [{ from: 'a', to: 'a' }]);
    expect(result).toEqual({
      ok: false,
      error: 'The response is not JSON (content-type text/html); response mapping needs a JSON body',
    });
    expect(mapResponse('nope', undefined, [{ from: 'a', to: 'a' }])).toEqual({
      ok: false,
      error: 'The response is not JSON (no content-type); response mapping needs a JSON body',
    });
    expect(mapResponse('', json, [{ from: 'a', to: 'a' }])).toMatchObject({ ok: false });
  });

  it('is fine with a non-JSON body when there is nothing to map', () => {
    expect(mapResponse('<html></html>', 'text/html', [])).toEqual({ ok: true, mapped: {}, missing: [] });
  });

  it('parses JSON sent with a non-JSON content-type', () => {
    expect(mapResponse('{"a":1}', 'text/plain', [{ from: 'a', to: 'a' }])).toMatchObject({
      mapped: { a: '1' },
    });
  });

  it('stores a "__proto__" target as a plain key', () => {
    const result = mapResponse('{"a":"x"}', json, [{ from: 'a', to: '__proto__' }]);
    expect(result.ok && Object.hasOwn(result.mapped, '__proto__')).toBe(true);
    expect(result.ok && Object.getPrototypeOf(result.mapped)).toBe(Object.prototype);
  });
});
