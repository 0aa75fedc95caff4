export {
  checkFieldValue,
  type FieldRule,
  type FieldValueResult,
  fieldLabel,
  isMissingValue,
} from './check-field-value.ts';
export {
  type CoercedVariables,
  type CoercibleField,
  coerceVariables,
  type FieldValueError,
} from './coerce-variables.ts';
export { compileFieldPattern, type FieldPatternMatcher } from './compile-field-pattern.ts';
export {
  checkFieldDefinitions,
  type Field,
  type FieldDefinitionIssue,
  type FieldInput,
  type FieldType,
  fieldSchema,
  fieldTypeSchema,
} from './field.schema.ts';
export { parseDateValue } from './parse-date-value.ts';
export { parseTypedValue } from './parse-typed-value.ts';
