import { assertNever } from '../../errors.ts';
import type { Condition } from './condition.schema.ts';
import type { CompiledCondition } from './condition.ts';
import { compileConversationStatus } from './conversation-status.ts';
import { compileFirstMessage } from './first-message.ts';
import { compileLanguageIs } from './language-is.ts';
import { compileMessageContains } from './message-contains.ts';
import { compileMessageMatchesRegex } from './message-matches-regex.ts';
import { compileVariableEquals } from './variable-equals.ts';
import { compileVariableIsSet } from './variable-is-set.ts';
import { compileVariableNotSet } from './variable-not-set.ts';

/** The one dispatcher from a stored condition to its compiled checker. */
export function compileCondition(condition: Condition): CompiledCondition {
  switch (condition.type) {
    case 'MESSAGE_MATCHES_REGEX':
      return compileMessageMatchesRegex(condition);
    case 'MESSAGE_CONTAINS':
      return compileMessageContains(condition);
    case 'VARIABLE_EQUALS':
      return compileVariableEquals(condition);
    case 'VARIABLE_IS_SET':
      return compileVariableIsSet(condition);
    case 'VARIABLE_NOT_SET':
      return compileVariableNotSet(condition);
    case 'LANGUAGE_IS':
      return compileLanguageIs(condition);
    case 'FIRST_MESSAGE':
      return compileFirstMessage(condition);
    case 'CONVERSATION_STATUS':
      return compileConversationStatus(condition);
    default:
      return assertNever(condition);
  }
}
