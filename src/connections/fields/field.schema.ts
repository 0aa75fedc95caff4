import { z } from 'zod';
import { compileFieldPattern } from './compile-field-pattern.ts';

export const fieldTypeSchema = z.enum(['string', 'number', 'integer', 'boolean', 'email', 'date', 'enum']);
export type FieldType = z.infer<typeof fieldTypeSchema>;

/**
 * A value the AI (or a rule's params) must supply before a call: it becomes a
 * tool parameter for LLM providers, so names stay tool-parameter friendly.
 * Cross-field checks (enum values, pattern, unique names) live in
 * checkFieldDefinitions so the endpoint schema can report them with paths.
 */
export const fieldSchema = z.object({
  name: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, 'Use letters, digits, _ and - (starting with a letter or _)'),
  type: fieldTypeSchema,
  required: z.boolean().default(false),
  description: z.string().max(500).default(''),
  pattern: z.string().min(1).max(500).optional(),
  enum: z.array(z.string().min(1).max(200)).max(200).optional(),
  example: z.union([z.string().max(500), z.number(), z.boolean()]).optional(),
});

export type FieldInput = z.input<typeof fieldSchema>;
export type Field = z.output<typeof fieldSchema>;

export type FieldDefinitionIssue = { path: (string | number)[]; message: string };

type CheckedField = Pick<Field, 'name' | 'type' | 'pattern' | 'enum'>;

/** Problems a single field's shape can't express; paths are relative to the endpoint. */
export function checkFieldDefinitions(fields: readonly CheckedField[]): FieldDefinitionIssue[] {
  const issues: FieldDefinitionIssue[] = [];
  const seen = new Set<string>();
  fields.forEach((field, index) => {
    if (seen.has(field.name)) {
      issues.push({
        path: ['fields', index, 'name'],
        message: `Field ${field.name} is declared more than once`,
      });
    }
    seen.add(field.name);
    if (field.type === 'enum' && (field.enum === undefined || field.enum.length === 0)) {
      issues.push({
        path: ['fields', index, 'enum'],
        message: `Field ${field.name} is an enum and needs a list of values`,
      });
    }
    if (field.pattern !== undefined) {
      const compiled = compileFieldPattern(field.pattern);
      if (!compiled.ok) issues.push({ path: ['fields', index, 'pattern'], message: compiled.message });
    }
  });
  return issues;
}
