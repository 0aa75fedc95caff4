import type { EndpointField, FieldType } from './endpoint-types.ts';

// A name that reads like a reference (orderId, ticket_no, invoiceNumber) gets a reference-like sample.
const looksLikeReference = (name: string) => /(id|no|number|nr|code|ref|reference)$/i.test(name);

/** A sample value that fits the field (or, for an undeclared `{variable}`, its name). */
export function sampleValuePlaceholder(name: string, field?: Pick<EndpointField, 'type' | 'enum'>): string {
  switch (field?.type) {
    case 'email':
      return 'jane@example.com';
    case 'number':
      return '19.99';
    case 'integer':
      return '42';
    case 'boolean':
      return 'true';
    case 'date':
      return '2025-05-04';
    case 'enum':
      return field.enum?.[0] ?? 'one of the allowed values';
    default:
      if (/e-?mail/i.test(name)) return 'jane@example.com';
      return looksLikeReference(name) ? '4521' : 'text';
  }
}

/** An example pattern for the field's type; empty where a pattern rarely helps (dates, enums…). */
export function patternPlaceholder(type: FieldType): string {
  switch (type) {
    case 'string':
      return '^[0-9]{3,10}$';
    case 'email':
      return '@example\\.com$';
    case 'integer':
    case 'number':
      return '^[0-9]{1,6}$';
    default:
      return '';
  }
}

/** The AI asks with the description ("Order number" → "What is your order number?"). */
export function descriptionPlaceholder(type: FieldType): string {
  return type === 'email' ? 'Email used for the order' : type === 'date' ? 'Delivery date' : 'Order number';
}
