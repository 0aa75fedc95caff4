import { type FormEvent, useState } from 'react';
import { SelectField, TextField } from '../../components/field.tsx';
import { EmptyState, FormMessage, LoadState } from '../../components/notice.tsx';
import { Page } from '../../components/page.tsx';
import { patch, post } from '../../lib/api-client.ts';
import { type FormErrors, noErrors, toFormErrors } from '../../lib/form-errors.ts';
import { useApi } from '../../lib/use-api.ts';
import type { Operator } from '../inbox/inbox-types.ts';

export function OperatorsPage() {
  const operators = useApi<Operator[]>('/operators');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('operator');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [listError, setListError] = useState<string | null>(null);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setErrors(noErrors);
    try {
      await post('/operators', { name, email, role });
      setName('');
      setEmail('');
      await operators.reload();
    } catch (error) {
      setErrors(toFormErrors(error, (p) => ['name', 'email', 'role'].includes(p)));
    }
  };

  const update = async (id: string, body: Partial<Operator>) => {
    setListError(null);
    try {
      const updated = await patch<Operator>(`/operators/${id}`, body);
      operators.setData((list) => list?.map((o) => (o.id === id ? updated : o)));
    } catch (error) {
      setListError((error as Error).message);
    }
  };

  return (
    <Page title="Operators">
      <p className="lead">
        The people who answer chats. Conversations are assigned to them by hand or by rules.
      </p>
      <form className="card inline-form" onSubmit={create} noValidate aria-label="Add operator">
        <FormMessage error={errors.form} />
        <TextField label="Name" value={name} onValue={setName} error={errors.fields.name} />
        <TextField label="Email" type="email" value={email} onValue={setEmail} error={errors.fields.email} />
        <SelectField
          label="Role"
          value={role}
          onValue={setRole}
          options={[
            { value: 'operator', label: 'Operator (inbox only)' },
            { value: 'admin', label: 'Admin (settings too)' },
          ]}
          error={errors.fields.role}
        />
        <button type="submit" className="button-primary">
          Add operator
        </button>
      </form>
      <FormMessage error={listError} />
      <LoadState
        loading={operators.loading && !operators.data}
        error={operators.error}
        onRetry={operators.reload}
      />
      {operators.data?.length === 0 && <EmptyState title="No operators yet." />}
      {operators.data && operators.data.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Available</th>
            </tr>
          </thead>
          <tbody>
            {operators.data.map((o) => (
              <tr key={o.id}>
                <td>{o.name}</td>
                <td>{o.email}</td>
                <td>
                  <select
                    aria-label={`Role of ${o.name}`}
                    value={o.role}
                    onChange={(e) => void update(o.id, { role: e.target.value as Operator['role'] })}
                  >
                    <option value="operator">operator</option>
                    <option value="admin">admin</option>
                  </select>
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${o.name} is available`}
                    checked={o.isAvailable}
                    onChange={(e) => void update(o.id, { isAvailable: e.target.checked })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}
