import { z } from 'zod';
import { unknownTypeMessage } from '../unknown-type-message.ts';
import { type AssignToOperator, assignToOperatorSchema } from './assign-to-operator.ts';
import { type CallApi, callApiFields } from './call-api.ts';
import { branchStatusSchema } from './choose-branch.ts';
import { type ReplyAi, replyAiSchema } from './reply-ai.ts';
import { type ReplyText, replyTextSchema } from './reply-text.ts';
import { type SetStatus, setStatusSchema } from './set-status.ts';
import { type SetVariable, setVariableSchema } from './set-variable.ts';

export const actionTypes = [
  'CALL_API',
  'REPLY_TEXT',
  'REPLY_AI',
  'SET_VARIABLE',
  'ASSIGN_TO_OPERATOR',
  'SET_STATUS',
] as const;

export type Action = CallApi | ReplyText | ReplyAi | SetVariable | AssignToOperator | SetStatus;
export type Branch = CallApi['branches'][number];

/** Branches hold actions, so the schema refers to itself; the types above are written out for that reason. */
const branchSchema: z.ZodType<Branch, unknown> = z.lazy(() =>
  z.object({ status: branchStatusSchema, actions: z.array(actionSchema).min(1).max(20) }),
);

const callApiSchema = z.object({ ...callApiFields, branches: z.array(branchSchema).max(20).default([]) });

export const actionSchema: z.ZodType<Action, unknown> = z.discriminatedUnion(
  'type',
  [callApiSchema, replyTextSchema, replyAiSchema, setVariableSchema, assignToOperatorSchema, setStatusSchema],
  {
    error: (issue) =>
      issue.code === 'invalid_union' ? unknownTypeMessage('action', issue.input, actionTypes) : undefined,
  },
);
// Recursive through branches: OpenAPI can only express that as a named component ($ref).
z.globalRegistry.add(actionSchema, { id: 'RuleAction' });

/** Every action of a list, branches included, depth first — for reference checks and limits. */
export function* walkActions(
  actions: readonly Action[],
  depth = 1,
): Generator<{ action: Action; depth: number }> {
  for (const action of actions) {
    yield { action, depth };
    if (action.type === 'CALL_API') {
      for (const branch of action.branches) yield* walkActions(branch.actions, depth + 1);
    }
  }
}
