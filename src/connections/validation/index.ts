export { foldCase } from './fold-case.ts';
export {
  type ResponseValidationRule,
  type ValidationFailure,
  type ValidationOutcome,
  validateResponse,
} from './validate-response.ts';
export {
  type ResponseValidation,
  type ResponseValidationInput,
  responseValidationSchema,
  type ValidationType,
  validationTypeSchema,
} from './validation.schema.ts';
