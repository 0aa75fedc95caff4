import { fieldLabel, validPhrase } from '../../connections/fields/check-field-value.ts';
import { isWritableVariable } from '../../conversations/variables.ts';
import { aiHooks, type EndpointFieldInfo } from '../ai-hooks.ts';
import type { ActionContext, ActionLogEntry, EndpointSummary } from './action.ts';
import { aiTurnOf, errorText } from './ai-turn.ts';
import { assignVariables } from './assign-variables.ts';
import { MAX_PENDING_QUESTIONS, PENDING_RULE_VARIABLE, pendingRuleValue } from './pending-rule.ts';
import { BUILT_IN_VARIABLES } from './template-variables.ts';

/**
 * The fields to collect: the declared ones, plus every `{variable}` of the path that is not
 * declared — no call can go out without it, so it is extracted or asked for like a required
 * string (seed 000's order recipe, `GET /orders/{orderId}`, declares no fields). Left out: names
 * the CALL_API's `params` supply, built-ins such as `{language}`, and dotted names
 * (`{visitor.email}`, `{match.1}`), which no visitor answer may set.
 */
export function slotFields(endpoint: EndpointSummary, provided: readonly string[]): EndpointFieldInfo[] {
  const known = new Set([...endpoint.fields.map((field) => field.name), ...provided, ...BUILT_IN_VARIABLES]);
  const implicit = endpoint.pathVariables
    .filter((name) => !known.has(name) && !name.includes('.') && isWritableVariable(name))
    .map((name) => ({ name, type: 'string', required: true, description: '' }));
  return [...endpoint.fields, ...implicit];
}

export type SlotStep = { proceed: true; error?: string } | { proceed: false; log: ActionLogEntry };

/**
 * AI rules only: before CALL_API, let the AI layer pull the endpoint's fields out of the
 * conversation. Values found are stored as session variables either way; when a required
 * field is missing the question is replied, the rule is remembered as pending and the
 * message's evaluation stops — the visitor's answer continues the rule.
 */
export async function fillEndpointSlots(
  endpoint: EndpointSummary,
  { turn, rule, effects }: ActionContext,
  provided: readonly string[] = [],
): Promise<SlotStep> {
  let result: Awaited<ReturnType<ReturnType<typeof aiHooks>['fillSlots']>>;
  try {
    result = await aiHooks().fillSlots(effects.ctx, aiTurnOf(turn), {
      id: endpoint.id,
      name: endpoint.name,
      description: endpoint.description,
      fields: slotFields(endpoint, provided),
    });
  } catch (error) {
    // Without slot filling the call still runs with what the session has; a missing field then fails it.
    return { proceed: true, error: `AI slot filling failed: ${errorText(error)}` };
  }
  if (result === null) return { proceed: true };
  const values = { ...result.values };
  if (result.status === 'complete') {
    await store(values);
    return { proceed: true };
  }
  // Counted per field: answering one question and being asked the next is progress, not a loop.
  const asked = (turn.pendingField === result.field ? (turn.pendingQuestions ?? 0) : 0) + 1;
  const base = { ruleId: rule.id, type: 'CALL_API' as const, endpointId: endpoint.id, values };
  if (asked > MAX_PENDING_QUESTIONS) {
    await store(values);
    // The visitor always gets an answer: say that the flow stopped and what they can do instead.
    const field = slotFields(endpoint, provided).find((candidate) => candidate.name === result.field);
    const label = field ? validPhrase(fieldLabel(field)) : result.field;
    await effects.reply(
      `Sorry, I still don't have a valid ${label}, so I'll stop asking for now. You can ask again at any time, or ask for a person.`,
    );
    return {
      proceed: false,
      log: { ...base, skipped: `gave up after ${MAX_PENDING_QUESTIONS} questions for ${result.field}` },
    };
  }
  await store(values);
  // Written here, not through assignVariables: no rule or mapping may set it, only this question.
  const pending = pendingRuleValue(rule.id, asked, result.field);
  turn.variables[PENDING_RULE_VARIABLE] = pending;
  await effects.saveVariables({ [PENDING_RULE_VARIABLE]: pending });
  await effects.reply(result.question);
  return { proceed: false, log: { ...base, askedFor: result.field, question: result.question } };

  async function store(found: Record<string, string>) {
    await assignVariables(turn, effects, found);
  }
}
