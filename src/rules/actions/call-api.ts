import { z } from 'zod';
import { isAboutDetails } from '../../connections/call-error.ts';
import {
  isWritableVariable,
  mappingPatch,
  RESERVED_VARIABLE_MESSAGE,
} from '../../conversations/variables.ts';
import { lowerCaseUuid } from '../../db/ids.ts';
import type { Action } from './action.schema.ts';
import type { ActionContext, ActionLogEntry, ActionResult } from './action.ts';
import { applyMapping } from './assign-variables.ts';
import { branchingStatus, chooseBranch } from './choose-branch.ts';
import { fillEndpointSlots } from './fill-endpoint-slots.ts';
import { interpolate } from './interpolate.ts';
import { templateVariables } from './template-variables.ts';

/** CALL_API without `branches` (whose actions make the schema recursive; see action.schema.ts). */
export const callApiFields = {
  type: z.literal('CALL_API'),
  endpointId: z.string().min(1).max(100).overwrite(lowerCaseUuid),
  /** Extra variables for the endpoint's templates; values may hold `{variables}` and `{match.N}`. */
  params: z
    .record(
      z
        .string()
        .regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, 'A param name is a template variable name')
        .max(100),
      z.union([z.string().max(4000), z.number(), z.boolean()]).transform(String),
    )
    // A visitor.* param would stand in for the verified value in the call.
    .refine((params) => Object.keys(params).every(isWritableVariable), RESERVED_VARIABLE_MESSAGE)
    .default({}),
};

export interface CallApi {
  type: 'CALL_API';
  endpointId: string;
  params: Record<string, string>;
  branches: Array<{ status: string; actions: Action[] }>;
}

/** What earlier CALL_APIs of the rule produced, for a later REPLY_AI. */
export interface CallMemory {
  mappedVariables: string[];
  endpointDescription?: string;
}

/**
 * Runs one endpoint call: (AI rules) slot filling, params, the call, mapped variables saved (and
 * the endpoint's other mapped variables removed), then the branch for the outcome. A validation
 * failure replies its message and stops; a failed call without a matching branch replies the
 * tenant's fallback and stops — never silence.
 */
export async function runCallApi(
  action: CallApi,
  context: ActionContext,
  memory: CallMemory,
): Promise<ActionResult> {
  const { turn, rule, effects } = context;
  const entry: ActionLogEntry = { ruleId: rule.id, type: 'CALL_API', endpointId: action.endpointId };
  const endpoint = await effects.describeEndpoint(action.endpointId);
  if (!endpoint) return fail(context, { ...entry, error: 'The endpoint no longer exists' }, []);
  memory.endpointDescription = endpoint.description;

  if (rule.type === 'ai') {
    const slots = await fillEndpointSlots(endpoint, context, Object.keys(action.params));
    if (!slots.proceed) return { log: [slots.log], unknownVariables: [], flow: { next: 'halt' } };
    if (slots.error) entry.error = slots.error;
  }

  const params: Record<string, string> = {};
  const unknown = new Set<string>();
  for (const [name, template] of Object.entries(action.params)) {
    const rendered = interpolate(template, turn, rule);
    params[name] = rendered.text;
    for (const variable of rendered.unknown) unknown.add(variable);
  }
  if (Object.keys(params).length > 0) entry.params = params;
  if (unknown.size > 0) entry.unknownVariables = [...unknown];

  const outcome = await effects.callEndpoint(action.endpointId, {
    ...templateVariables(
      turn,
      endpoint.fields.map((field) => field.name),
    ),
    ...rule.locals,
    ...rule.captures,
    ...params,
  });
  Object.assign(rule.locals, params);
  if (outcome.request !== undefined) entry.request = outcome.request;
  if (outcome.preview) {
    if (action.branches.length > 0) entry.branches = action.branches.map((branch) => branch.status);
    // Nothing was sent, so nothing is mapped: later texts show where the values would go.
    if (endpoint.mappedVariables.length > 0) entry.wouldMap = endpoint.mappedVariables;
    for (const name of endpoint.mappedVariables) rule.locals[name] = `{${name}}`;
    return { log: [entry], unknownVariables: [...unknown], flow: { next: 'continue' } };
  }

  entry.status = outcome.status;
  entry.ok = outcome.ok;
  // What this call did not map (all of it when the call failed) is removed (see mappingPatch).
  const { mapped, cleared } = await applyMapping(
    turn,
    effects,
    mappingPatch(endpoint.mappedVariables, outcome.mapped, turn.variables),
  );
  if (Object.keys(mapped).length > 0) {
    entry.mapped = mapped;
    memory.mappedVariables.push(...Object.keys(mapped));
  }
  if (cleared.length > 0) {
    entry.cleared = cleared;
    memory.mappedVariables = memory.mappedVariables.filter((name) => !cleared.includes(name));
  }
  if (outcome.error) entry.error = outcome.error.message;

  if (!outcome.validation.passed) {
    const message =
      outcome.validation.errors.join(' ') || outcome.error?.publicMessage || (await effects.fallbackReply());
    await effects.reply(message);
    entry.validationErrors = outcome.validation.errors;
    return {
      log: [entry, { ruleId: rule.id, type: 'REPLY_TEXT', text: message }],
      unknownVariables: [...unknown],
      flow: { next: 'halt' },
    };
  }

  const status = branchingStatus(outcome);
  const branch = chooseBranch(action.branches, status);
  if (branch) {
    entry.branch = branch.status;
    return {
      log: [entry],
      unknownVariables: [...unknown],
      flow: { next: 'branch', actions: branch.actions },
    };
  }
  if (outcome.ok) return { log: [entry], unknownVariables: [...unknown], flow: { next: 'continue' } };
  // "Nothing was found for those details" beats "try again in a moment" for a wrong order number.
  const details = isAboutDetails(outcome.status) ? outcome.error?.publicMessage : undefined;
  return fail(context, entry, [...unknown], details);
}

async function fail(
  { rule, effects }: ActionContext,
  entry: ActionLogEntry,
  unknownVariables: string[],
  detailsMessage?: string,
): Promise<ActionResult> {
  const text = await effects.fallbackReply(detailsMessage);
  await effects.reply(text);
  return {
    log: [entry, { ruleId: rule.id, type: 'FALLBACK_REPLY', text }],
    unknownVariables,
    flow: { next: 'halt' },
  };
}
