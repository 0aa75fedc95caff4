import { describe, expect, it } from 'vitest';
import { patternPlaceholder, sampleValuePlaceholder } from './field-placeholders.ts';

describe('placeholders that fit the field', () => {
  it('suggests a sample value of the field type', () => {
    expect(sampleValuePlaceholder('email', { type: 'email' })).toBe('jane@example.com');
    expect(sampleValuePlaceholder('orderId', { type: 'string' })).toBe('4521');
    expect(sampleValuePlaceholder('when', { type: 'date' })).toBe('2025-05-04');
    expect(sampleValuePlaceholder('size', { type: 'enum', enum: ['S', 'M'] })).toBe('S');
    // An undeclared {variable}: its name decides.
    expect(sampleValuePlaceholder('customerEmail')).toBe('jane@example.com');
    expect(sampleValuePlaceholder('city')).toBe('text');
  });

  it('suggests a digits pattern only for text and numbers', () => {
    expect(patternPlaceholder('string')).toBe('^[0-9]{3,10}$');
    expect(patternPlaceholder('email')).not.toContain('[0-9]');
    expect(patternPlaceholder('date')).toBe('');
  });
});
