import { describe, expect, it } from 'vitest';
import { checkFieldDefinitions, fieldSchema } from './field.schema.ts';

describe('fieldSchema', () => {
  it('applies defaults', () => {
    expect(fieldSchema.parse({ name: 'orderId', type: 'string' })).toEqual({
      name: 'orderId',
      type: 'string',
      required: false,
      description: '',
    });
  });

  it('rejects unknown types and unusable names', () => {
    expect(fieldSchema.safeParse({ name: 'x', type: 'uuid' }).success).toBe(false);
    expect(fieldSchema.safeParse({ name: '1x', type: 'string' }).success).toBe(false);
    expect(fieldSchema.safeParse({ name: 'a b', type: 'string' }).success).toBe(false);
  });
});

describe('checkFieldDefinitions', () => {
  it('reports duplicate names, enums without values and bad patterns with their paths', () => {
    const issues = checkFieldDefinitions([
      { name: 'a', type: 'string', pattern: '[0-9' },
      { name: 'a', type: 'enum' },
      { name: 'b', type: 'enum', enum: [] },
      { name: 'c', type: 'string', pattern: '(?=x)x' },
      { name: 'd', type: 'enum', enum: ['x'], pattern: '^x$' },
    ]);
    expect(issues.map((issue) => issue.path.join('.'))).toEqual([
      'fields.0.pattern',
      'fields.1.name',
      'fields.1.enum',
      'fields.2.enum',
      'fields.3.pattern',
    ]);
    expect(issues[0].message).toMatch(/not a valid regular expression/);
    expect(issues[4].message).toMatch(/lookarounds/);
  });
});
