import { z } from 'zod';
import { unknownTypeMessage } from '../unknown-type-message.ts';
import { conversationStatusSchema } from './conversation-status.ts';
import { firstMessageSchema } from './first-message.ts';
import { languageIsSchema } from './language-is.ts';
import { messageContainsSchema } from './message-contains.ts';
import { messageMatchesRegexSchema } from './message-matches-regex.ts';
import { variableEqualsSchema } from './variable-equals.ts';
import { variableIsSetSchema } from './variable-is-set.ts';
import { variableNotSetSchema } from './variable-not-set.ts';

const conditionSchemas = [
  messageMatchesRegexSchema,
  messageContainsSchema,
  variableEqualsSchema,
  variableIsSetSchema,
  variableNotSetSchema,
  languageIsSchema,
  firstMessageSchema,
  conversationStatusSchema,
] as const;

export const conditionTypes = [
  'MESSAGE_MATCHES_REGEX',
  'MESSAGE_CONTAINS',
  'VARIABLE_EQUALS',
  'VARIABLE_IS_SET',
  'VARIABLE_NOT_SET',
  'LANGUAGE_IS',
  'FIRST_MESSAGE',
  'CONVERSATION_STATUS',
] as const;

export const conditionSchema = z.discriminatedUnion('type', conditionSchemas, {
  error: (issue) =>
    issue.code === 'invalid_union' ? unknownTypeMessage('condition', issue.input, conditionTypes) : undefined,
});
export type Condition = z.output<typeof conditionSchema>;
export type ConditionInput = z.input<typeof conditionSchema>;
