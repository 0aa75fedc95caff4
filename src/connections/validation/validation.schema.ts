import { z } from 'zod';
import { responsePathSchema } from '../mapping/response-mapping.schema.ts';

export const validationTypeSchema = z.enum(['equals', 'equals_ignore_case', 'contains', 'not_empty']);
export type ValidationType = z.infer<typeof validationTypeSchema>;

/**
 * A check run on the response before anything from it is used (seed 002 step 3):
 * `input` names a variable (what the visitor gave, e.g. `email`), `compareWith`
 * a dot path in the response (`billing.email`). `not_empty` needs no input.
 */
export const responseValidationSchema = z
  .object({
    input: z.string().max(100).default(''),
    compareWith: responsePathSchema,
    type: validationTypeSchema,
    errorMessage: z.string().trim().min(1).max(500).default("Sorry, we couldn't verify those details."),
  })
  .superRefine((validation, ctx) => {
    if (validation.type !== 'not_empty' && validation.input === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['input'],
        message: `A ${validation.type} validation needs an input variable to compare`,
      });
    }
  });

export type ResponseValidationInput = z.input<typeof responseValidationSchema>;
export type ResponseValidation = z.output<typeof responseValidationSchema>;
