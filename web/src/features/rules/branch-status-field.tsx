import { SelectField, TextField } from '../../components/field.tsx';

/** The choices besides an exact code; the server also takes any code 100–599 (choose-branch.ts). */
const choices = [
  { value: '2xx', label: '2xx — success' },
  { value: '3xx', label: '3xx — redirect' },
  { value: '4xx', label: '4xx — client error (any)' },
  { value: '5xx', label: '5xx — server error (any)' },
  { value: 'error', label: 'error — no HTTP answer' },
  { value: 'default', label: 'default — anything else' },
];
const EXACT = 'exact';

const isChoice = (status: string) => choices.some((c) => c.value === status.trim().toLowerCase());

/**
 * "Branch when": a status class, "error", "default", or an exact code typed in (401, 409…).
 * Two fields side by side inside the branch's head row.
 */
export function BranchStatusField({
  label,
  status,
  onChange,
  error,
}: {
  label: string;
  status: string;
  onChange: (status: string) => void;
  error?: string;
}) {
  const exact = !isChoice(status);
  return (
    <>
      <SelectField
        label={label}
        value={exact ? EXACT : status.trim().toLowerCase()}
        onValue={(value) => {
          if (value !== EXACT) return onChange(value);
          // Start from the class the branch had: 4xx → 400.
          onChange(/^[1-5]xx$/.test(status) ? `${status[0]}00` : '404');
        }}
        options={[...choices, { value: EXACT, label: 'Exact status code…' }]}
        error={exact ? undefined : error}
      />
      {exact && (
        <TextField
          label={`${label}: status code`}
          inputMode="numeric"
          maxLength={3}
          value={status}
          onValue={(value) => onChange(value.trim())}
          error={error}
          placeholder="404"
          hint="Any code from 100 to 599, e.g. 401 or 409."
        />
      )}
    </>
  );
}
