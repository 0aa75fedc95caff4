import { SelectField, TextField } from '../../components/field.tsx';
import { SecretInput } from '../../components/secret-input.tsx';
import type { FormErrors } from '../../lib/form-errors.ts';
import { type AuthType, authTypeOptions, secretField } from './connection-types.ts';

/** Plain (non-secret) auth settings being edited, by field name. */
export type AuthDraft = Record<string, string>;

interface Props {
  type: AuthType;
  onType: (type: AuthType) => void;
  draft: AuthDraft;
  onDraft: (draft: AuthDraft) => void;
  /** The typed-in secret; undefined keeps the stored one. */
  secret: string | undefined;
  onSecret: (value: string | undefined) => void;
  /** The stored secret, masked, when the stored auth has this same type. */
  maskedSecret: string | null;
  errors: FormErrors;
}

const secretLabel: Record<AuthType, string> = {
  none: '',
  api_key: 'API key',
  bearer: 'Token',
  basic: 'Password',
  oauth2_client_credentials: 'Client secret',
};

/** The auth-type picker and only the chosen type's fields (seed 000 "Authentication Types"). */
export function AuthFields({ type, onType, draft, onDraft, secret, onSecret, maskedSecret, errors }: Props) {
  const text = (name: string, label: string, props: { placeholder?: string; hint?: string } = {}) => (
    <TextField
      label={label}
      value={draft[name] ?? ''}
      onValue={(value) => onDraft({ ...draft, [name]: value })}
      error={errors.fields[`auth.${name}`]}
      {...props}
    />
  );
  const secretName = secretField[type];
  return (
    <fieldset>
      <legend>Authentication</legend>
      <SelectField
        label="Auth type"
        value={type}
        onValue={(value) => onType(value as AuthType)}
        options={authTypeOptions}
        error={errors.fields['auth.type'] ?? errors.fields.auth}
      />
      {type === 'api_key' && (
        <div className="row">
          <SelectField
            label="Send the key in"
            value={draft.in || 'header'}
            onValue={(value) => onDraft({ ...draft, in: value })}
            options={[
              { value: 'header', label: 'A header' },
              { value: 'query', label: 'A query parameter' },
            ]}
            error={errors.fields['auth.in']}
          />
          {(draft.in || 'header') === 'header'
            ? text('headerName', 'Header name', { placeholder: 'X-Api-Key' })
            : text('queryParam', 'Query parameter', { placeholder: 'api_key' })}
        </div>
      )}
      {type === 'basic' && text('username', 'Username')}
      {type === 'oauth2_client_credentials' && (
        <>
          {text('tokenUrl', 'Token URL', { placeholder: 'https://auth.example.com/oauth/token' })}
          {text('clientId', 'Client ID')}
        </>
      )}
      {secretName && (
        <SecretInput
          label={secretLabel[type]}
          masked={maskedSecret}
          value={secret}
          onValue={onSecret}
          error={errors.fields[`auth.${secretName}`]}
          hint={
            maskedSecret
              ? 'Stored encrypted; it is never shown again. Replace it to change it.'
              : 'Stored encrypted.'
          }
        />
      )}
      {type === 'oauth2_client_credentials' && (
        <div className="row">
          {text('scope', 'Scope', { placeholder: 'read write', hint: 'Space-separated, optional.' })}
          {text('audience', 'Audience', { hint: 'Optional.' })}
        </div>
      )}
    </fieldset>
  );
}

const plainFields: Record<AuthType, string[]> = {
  none: [],
  api_key: ['headerName', 'in', 'queryParam'],
  bearer: [],
  basic: ['username'],
  oauth2_client_credentials: ['tokenUrl', 'clientId', 'scope', 'audience'],
};

/** The `auth` object to send: the type's plain fields (empty optional ones left out) and a typed secret. */
export function authBody(
  type: AuthType,
  draft: AuthDraft,
  secret: string | undefined,
): Record<string, string> {
  const body: Record<string, string> = { type };
  for (const name of plainFields[type]) {
    const value = draft[name]?.trim();
    if (value) body[name] = value;
  }
  // Required ones go even when empty, so the API names exactly what is missing.
  if (type === 'basic') body.username = draft.username ?? '';
  if (type === 'oauth2_client_credentials') {
    body.tokenUrl = draft.tokenUrl?.trim() ?? '';
    body.clientId = draft.clientId?.trim() ?? '';
  }
  const name = secretField[type];
  if (name && secret !== undefined) body[name] = secret;
  return body;
}
