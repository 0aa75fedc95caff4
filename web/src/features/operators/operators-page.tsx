import { Fragment, useState } from 'react';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { EmptyState, FormMessage, LoadState } from '../../components/notice.tsx';
import { Page } from '../../components/page.tsx';
import { del, patch } from '../../lib/api-client.ts';
import { type FormErrors, noErrors } from '../../lib/form-errors.ts';
import { navigate } from '../../lib/router.tsx';
import { useApi } from '../../lib/use-api.ts';
import { useSession, useSignedIn } from '../auth/session.tsx';
import type { Operator } from '../inbox/inbox-types.ts';
import { AddOperatorForm } from './add-operator-form.tsx';
import { SetPasswordForm } from './set-password-form.tsx';

/** What waits under a row: the confirmation of one's own demotion, or the password form. */
type RowPanel = { id: string; kind: 'demote-self' | 'password' } | null;

export function OperatorsPage() {
  const operators = useApi<Operator[]>('/operators');
  const me = useSignedIn().operator.id;
  const { refresh } = useSession();
  const [formErrors, setFormErrors] = useState<FormErrors>(noErrors);
  const [listError, setListError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [panel, setPanel] = useState<RowPanel>(null);

  // Any action that works makes earlier errors stale ("this email already exists" after a role change).
  const succeeded = (message: string | null) => {
    setFormErrors(noErrors);
    setListError(null);
    setNotice(message);
  };

  const update = async (id: string, body: Partial<Operator>): Promise<boolean> => {
    setListError(null);
    setNotice(null);
    try {
      const updated = await patch<Operator>(`/operators/${id}`, body);
      operators.setData((list) => list?.map((o) => (o.id === id ? updated : o)));
      succeeded(null);
      return true;
    } catch (error) {
      // e.g. the 409 for the last active admin: the server says why.
      setListError((error as Error).message);
      return false;
    }
  };

  const remove = async (operator: Operator) => {
    setListError(null);
    setNotice(null);
    try {
      await del(`/operators/${operator.id}`);
      operators.setData((list) => list?.filter((o) => o.id !== operator.id));
      succeeded(`Removed ${operator.name}: their conversations are unassigned.`);
    } catch (error) {
      // e.g. the 409 for the workspace's only admin: the server says why.
      setListError((error as Error).message);
    }
  };

  const changeRole = (operator: Operator, role: Operator['role']) => {
    if (operator.id === me && role !== 'admin') {
      setPanel({ id: operator.id, kind: 'demote-self' });
      return;
    }
    void update(operator.id, { role });
  };

  const demoteSelf = async () => {
    setPanel(null);
    if (!(await update(me, { role: 'operator' }))) return;
    navigate('/inbox');
    await refresh();
  };

  return (
    <Page title="Operators">
      <p className="lead">
        The people who answer chats. Conversations are assigned to them by hand or by rules; those with a
        password can sign in to this dashboard.
      </p>
      <AddOperatorForm
        errors={formErrors}
        onErrors={setFormErrors}
        onAdded={(created, withPassword) => {
          succeeded(
            withPassword
              ? `Added ${created.name}: they can sign in at /app with ${created.email} and the password you set.`
              : `Added ${created.name}, without dashboard access: set a password below to let them sign in.`,
          );
          void operators.reload();
        }}
      />
      <FormMessage error={listError} success={notice} />
      <LoadState
        loading={operators.loading && !operators.data}
        error={operators.error}
        onRetry={operators.reload}
      />
      {operators.data?.length === 0 && <EmptyState title="No operators yet." />}
      {operators.data && operators.data.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Available</th>
                <th scope="col">Dashboard password</th>
                <th scope="col">
                  <span className="sr-only">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {operators.data.map((o) => (
                <Fragment key={o.id}>
                  <tr>
                    <td>
                      {o.name}
                      {o.id === me && <span className="muted small"> (you)</span>}
                    </td>
                    <td>{o.email}</td>
                    <td>
                      <select
                        aria-label={`Role of ${o.name}`}
                        value={o.role}
                        onChange={(e) => changeRole(o, e.target.value as Operator['role'])}
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
                    <td>
                      <button
                        type="button"
                        className="button-secondary"
                        aria-label={`Set password of ${o.name}`}
                        onClick={() => setPanel({ id: o.id, kind: 'password' })}
                      >
                        Set password
                      </button>
                    </td>
                    <td>
                      {o.id !== me && (
                        <ConfirmButton
                          label="Remove"
                          accessibleLabel={`Remove ${o.name}`}
                          confirmLabel={`Remove ${o.name}`}
                          warning="Their sign-in ends, their conversations become unassigned, and rules that assigned them pick any available operator."
                          onConfirm={() => remove(o)}
                        />
                      )}
                    </td>
                  </tr>
                  {panel?.id === o.id && (
                    <tr>
                      <td colSpan={6}>
                        {panel.kind === 'demote-self' ? (
                          <div className="notice notice-error" role="alert">
                            <p>
                              <strong>Make yourself an operator?</strong> You will lose access to settings
                              (rules, connections, operators, API keys…) right away; only another admin can
                              give it back.
                            </p>
                            <span className="confirm">
                              <button
                                type="button"
                                className="button-danger"
                                onClick={() => void demoteSelf()}
                              >
                                Yes, make me an operator
                              </button>
                              <button
                                type="button"
                                className="button-secondary"
                                onClick={() => setPanel(null)}
                              >
                                Cancel
                              </button>
                            </span>
                          </div>
                        ) : (
                          <SetPasswordForm
                            operator={o}
                            isSelf={o.id === me}
                            onCancel={() => setPanel(null)}
                            onDone={() => {
                              setPanel(null);
                              succeeded(`Password set for ${o.name}.`);
                              // One's own new password ends this session too.
                              if (o.id === me) void refresh();
                            }}
                          />
                        )}
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
