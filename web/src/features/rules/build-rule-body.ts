import { type Action, cleanAction, type Rule } from './rule-types.ts';

export type RuleDraft = Omit<Rule, 'id' | 'createdAt' | 'updatedAt'>;

export type BuiltRule = { ok: true; body: RuleDraft } | { ok: false; fields: Record<string, string> };

/** The branch keys the server accepts (src/rules/actions/choose-branch.ts). */
export const isBranchStatus = (status: string) =>
  /^([1-5]xx|[1-5][0-9]{2}|error|default)$/.test(status.trim().toLowerCase());

function checkActions(actions: readonly Action[], path: string, fields: Record<string, string>): void {
  actions.forEach((action, i) => {
    if (action.type !== 'CALL_API') return;
    if (!action.endpointId) fields[`${path}.${i}.endpointId`] = 'Choose an endpoint.';
    (action.branches ?? []).forEach((branch, j) => {
      const at = `${path}.${i}.branches.${j}`;
      if (!isBranchStatus(branch.status))
        fields[`${at}.status`] = 'Enter a status code from 100 to 599, e.g. 404.';
      checkActions(branch.actions, `${at}.actions`, fields);
    });
  });
}

/**
 * The editor's state as the body of POST /rules (and of the inline rule of POST /rules/test), or
 * the fields to fix first: what the form can tell without asking the server.
 */
export function buildRuleBody(draft: RuleDraft, examplesText: string): BuiltRule {
  const fields: Record<string, string> = {};
  const priority = Number(draft.priority);
  if (!Number.isInteger(priority)) fields.priority = 'Use a whole number.';
  checkActions(draft.actions, 'actions', fields);
  if (Object.keys(fields).length > 0) return { ok: false, fields };
  return {
    ok: true,
    body: {
      ...draft,
      priority,
      description: draft.type === 'ai' ? draft.description || null : draft.description,
      examples: examplesText
        .split('\n')
        .map((e) => e.trim())
        .filter(Boolean),
      actions: draft.actions.map(cleanAction),
    },
  };
}
