import { describe, expect, it } from 'vitest';
import { getPath, parsePath } from './get-path.ts';

const doc = {
  data: {
    status: 'shipped',
    price: { amount: 120, currency: 'EUR' },
    items: [{ name: 'Lamp' }, { name: 'Desk', tags: ['a', 'b'] }],
    eta: null,
  },
  matrix: [
    [1, 2],
    [3, 4],
  ],
};

describe('parsePath', () => {
  it('splits keys and indexes', () => {
    expect(parsePath('data.items[0].name')).toEqual(['data', 'items', 0, 'name']);
    expect(parsePath('[0].id')).toEqual([0, 'id']);
    expect(parsePath('matrix[1][0]')).toEqual(['matrix', 1, 0]);
    expect(parsePath('')).toEqual([]);
  });

  it.each(['.a', 'a.', 'a..b', 'a[x]', 'a[0]b', 'a[', 'a]'])('rejects %s', (path) => {
    expect(parsePath(path)).toBeUndefined();
  });
});

describe('getPath', () => {
  it('follows dot paths and [n] indexes', () => {
    expect(getPath(doc, 'data.price.amount')).toBe(120);
    expect(getPath(doc, 'data.items[0].name')).toBe('Lamp');
    expect(getPath(doc, 'data.items[1].tags[1]')).toBe('b');
    expect(getPath(doc, 'data.items.1.name')).toBe('Desk');
    expect(getPath(doc, 'matrix[1][0]')).toBe(3);
  });

  it('reads top-level arrays', () => {
    expect(getPath([{ id: 7 }, { id: 8 }], '[1].id')).toBe(8);
  });

  it('returns null for a present null and undefined for absent steps', () => {
    expect(getPath(doc, 'data.eta')).toBeNull();
    expect(getPath(doc, 'data.missing')).toBeUndefined();
    expect(getPath(doc, 'data.items[5].name')).toBeUndefined();
    expect(getPath(doc, 'data.status.length')).toBeUndefined();
    expect(getPath(doc, 'data.eta.x')).toBeUndefined();
  });

  it('never walks into prototypes', () => {
    expect(getPath({}, 'constructor')).toBeUndefined();
    expect(getPath({ a: {} }, 'a.__proto__')).toBeUndefined();
    expect(getPath([], 'length')).toBeUndefined();
  });
});
