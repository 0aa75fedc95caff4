import { compileFieldPattern } from '../fields/compile-field-pattern.ts';
import type { FieldInput } from '../fields/field.schema.ts';

type Schema = Record<string, unknown>;

/** A field name our templates accept: `{pet-id}` is fine, `{pet id}` becomes `pet_id`. */
export function fieldNameFor(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`.slice(0, 64);
}

/** Maps an OpenAPI/JSON schema (or a Swagger 2 non-body parameter) to a field. */
export function schemaToField(
  name: string,
  schema: Schema | undefined,
  required: boolean,
  description: string | undefined,
): FieldInput {
  const s = schema ?? {};
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  const text = description ?? (typeof s.description === 'string' ? s.description : '');
  const field: FieldInput = {
    name: fieldNameFor(name),
    type: 'string',
    required,
    description: text.slice(0, 500),
  };
  if (type === 'array' || type === 'object') {
    // Fields have no array or object type: say so where the admin and the AI read about the field.
    const note = `(The API expects ${type === 'array' ? 'an array' : 'an object'}; this field is text and is sent as a string.)`;
    field.description = text ? `${text.slice(0, 500 - note.length - 1)} ${note}` : note;
    return field;
  }
  if (Array.isArray(s.enum) && s.enum.length > 0) {
    field.type = 'enum';
    field.enum = s.enum
      .filter((v) => v !== null)
      .map((v) => String(v).slice(0, 200))
      .slice(0, 200);
    return field;
  }
  if (type === 'integer') field.type = 'integer';
  else if (type === 'number') field.type = 'number';
  else if (type === 'boolean') field.type = 'boolean';
  else if (type === 'string' && s.format === 'email') field.type = 'email';
  else if (type === 'string' && (s.format === 'date' || s.format === 'date-time')) field.type = 'date';
  if (field.type === 'string' && typeof s.pattern === 'string' && s.pattern.length <= 500) {
    if (compileFieldPattern(s.pattern).ok) field.pattern = s.pattern;
  }
  const example = s.example ?? s.default;
  if (typeof example === 'string' || typeof example === 'number' || typeof example === 'boolean') {
    field.example = typeof example === 'string' ? example.slice(0, 500) : example;
  }
  return field;
}
