import { describe, expect, it } from 'vitest';
import { childPath, isPathKey, variableNameFor } from './json-path.ts';

describe('response paths for click-to-map', () => {
  it('builds dot paths with [n] indexes', () => {
    expect(childPath('', 'data')).toBe('data');
    expect(childPath('data', 'items')).toBe('data.items');
    expect(childPath('data.items', 0)).toBe('data.items[0]');
    expect(childPath('', 0)).toBe('[0]');
  });

  it('refuses keys the path syntax cannot name', () => {
    expect(isPathKey('status')).toBe(true);
    expect(isPathKey('a.b')).toBe(false);
    expect(isPathKey('x[0]')).toBe(false);
    expect(isPathKey('')).toBe(false);
  });

  it('names the variable after the last key, unique among the mapped ones', () => {
    expect(variableNameFor('data.status', [])).toBe('status');
    expect(variableNameFor('data.items[0].name', [])).toBe('name');
    expect(variableNameFor('data.tags[1]', [])).toBe('tags_1');
    expect(variableNameFor('data.status', ['status'])).toBe('status_2');
    expect(variableNameFor('data.status', ['status', 'status_2'])).toBe('status_3');
    expect(variableNameFor('data.first-name', [])).toBe('first_name');
    expect(variableNameFor('[0]', [])).toBe('item_0');
  });
});
