import { createOperator } from '../conversations/operators/operators.ts';
import type { Db } from '../db/database.ts';
import { nowIso } from '../db/time.ts';
import { AppError, badRequest } from '../errors.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords.ts';

export type OperatorRole = 'admin' | 'operator';

export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw badRequest(`The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`, [
      { path: 'password', message: `At least ${MIN_PASSWORD_LENGTH} characters` },
    ]);
  }
}

export async function setOperatorPassword(db: Db, tenantId: string, operatorId: string, password: string) {
  checkPassword(password);
  const password_hash = await hashPassword(password);
  const updated_at = nowIso();
  await db
    .insertInto('operator_credentials')
    .values({ operator_id: operatorId, tenant_id: tenantId, password_hash, updated_at })
    .onConflict((oc) => oc.column('operator_id').doUpdateSet({ password_hash, updated_at }))
    .execute();
  // A new password signs the person out everywhere else.
  await db.deleteFrom('sessions').where('operator_id', '=', operatorId).execute();
}

/** Creates a person who can sign in (the first admin of a tenant, from the CLI or the Platform API). */
export async function createOperatorAccount(
  db: Db,
  tenantId: string,
  input: { email: string; password: string; name?: string; role?: OperatorRole },
): Promise<{ id: string; email: string; name: string; role: OperatorRole }> {
  checkPassword(input.password);
  const email = input.email.trim().toLowerCase();
  const name = input.name?.trim() || email.split('@')[0];
  const result = await createOperator(db, tenantId, { name, email, role: input.role ?? 'admin' });
  if (!result.ok) throw new AppError('CONFLICT', `An operator with the email ${email} already exists.`);
  await setOperatorPassword(db, tenantId, result.operator.id, input.password);
  return { id: result.operator.id, email, name, role: result.operator.role };
}
