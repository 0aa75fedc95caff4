import { checkFieldValue, type FieldRule, fieldLabel, isMissingValue } from './check-field-value.ts';

export type CoercibleField = FieldRule & { readonly required?: boolean };

export type FieldValueError = { field: string; reason: string; missing: boolean };

export type CoercedVariables = {
  values: Record<string, string | number | boolean>;
  errors: FieldValueError[];
};

/**
 * Checks every declared field against the variables before a call. `values`
 * holds the typed value of each field that was given (merge it over the
 * variables: `{...variables, ...values}`); absent optional fields are left
 * out. `missing: true` marks a required field nobody supplied yet, which the
 * AI layer asks the visitor for; other errors are invalid values.
 */
export function coerceVariables(
  fields: readonly CoercibleField[],
  variables: Readonly<Record<string, unknown>>,
): CoercedVariables {
  const values: [string, string | number | boolean][] = [];
  const errors: FieldValueError[] = [];
  for (const field of fields) {
    const raw = Object.hasOwn(variables, field.name) ? variables[field.name] : undefined;
    if (isMissingValue(raw)) {
      if (field.required) {
        errors.push({ field: field.name, reason: `${fieldLabel(field)} is required.`, missing: true });
      }
      continue;
    }
    const checked = checkFieldValue(field, raw);
    if (checked.ok) values.push([field.name, checked.value]);
    else errors.push({ field: field.name, reason: checked.reason, missing: false });
  }
  return { values: Object.fromEntries(values), errors };
}
