import { z } from 'zod';
import { pageQuery } from '../http/page-query.ts';
import type { EndpointsDeleted } from './endpoints.repository.ts';

export const idParams = z.object({ id: z.string().min(1).max(100) });

export const connectionsPageQuery = pageQuery(50, 200);

/**
 * The trace of rules a delete disabled (rule logs belong to conversations, so the server log
 * is where an operator finds why a rule went off by itself); nothing is logged when none was.
 */
export function logDisabledRules(
  log: { info(obj: unknown, message: string): void },
  tenantId: string,
  deleted: EndpointsDeleted,
): void {
  if (deleted.disabledRules.length === 0) return;
  log.info(
    { tenantId, disabledRules: deleted.disabledRules },
    'rules disabled: they call an endpoint that was deleted',
  );
}
