import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { isUnnamed, KeyValueEditor, type KeyValueRow, toRecord } from './key-value-editor.tsx';

const render = (rows: KeyValueRow[]) =>
  renderToStaticMarkup(
    createElement(KeyValueEditor, {
      legend: 'Sample variables',
      rows,
      onChange: () => undefined,
      keyPlaceholder: 'Variable name',
    }),
  );

describe('a row with a value but no name', () => {
  it('is left out of the object sent, so it counts as unnamed', () => {
    const rows = [
      { key: '', value: '4521' },
      { key: 'lang', value: 'en' },
    ];
    expect(toRecord(rows)).toEqual({ lang: 'en' });
    expect(rows.map(isUnnamed)).toEqual([true, false]);
  });

  it('is not unnamed while both boxes are empty (a row just added)', () => {
    expect(isUnnamed({ key: '', value: '' })).toBe(false);
    expect(isUnnamed({ key: '  ', value: ' ' })).toBe(false);
  });

  it('says under the row that it needs a name, and marks the name box', () => {
    const html = render([{ key: '', value: '4521' }]);
    expect(html).toContain('Give this sample variable a name.');
    expect(html).toMatch(/<input aria-label="Sample variables name 1"[^>]*aria-invalid="true"/);
  });

  it('says nothing once the row has a name', () => {
    const html = render([{ key: 'orderId', value: '4521' }]);
    expect(html).not.toContain('a name.');
    expect(html).not.toContain('aria-invalid');
  });
});
