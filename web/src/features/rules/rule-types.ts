export type ConditionType =
  | 'MESSAGE_MATCHES_REGEX'
  | 'MESSAGE_CONTAINS'
  | 'VARIABLE_EQUALS'
  | 'VARIABLE_IS_SET'
  | 'VARIABLE_NOT_SET'
  | 'LANGUAGE_IS'
  | 'FIRST_MESSAGE'
  | 'CONVERSATION_STATUS';

/** A condition as the API stores it: `type` plus that type's fields. */
export interface Condition {
  type: ConditionType;
  [field: string]: unknown;
}

export type ActionType =
  | 'CALL_API'
  | 'REPLY_TEXT'
  | 'REPLY_AI'
  | 'SET_VARIABLE'
  | 'ASSIGN_TO_OPERATOR'
  | 'SET_STATUS';

export interface Branch {
  status: string;
  actions: Action[];
}

export interface Action {
  type: ActionType;
  endpointId?: string;
  params?: Record<string, string>;
  branches?: Branch[];
  text?: string;
  instructions?: string;
  name?: string;
  value?: string;
  operatorId?: string | null;
  status?: string;
}

export interface Rule {
  id: string;
  name: string;
  type: 'static' | 'ai';
  enabled: boolean;
  priority: number;
  widgetId: string | null;
  match: 'all' | 'any';
  conditions: Condition[];
  actions: Action[];
  stopProcessing: boolean;
  description: string | null;
  examples: string[];
  createdAt: string;
  updatedAt: string;
}

export const conditionTypes: { value: ConditionType; label: string }[] = [
  { value: 'MESSAGE_MATCHES_REGEX', label: 'Message matches regex' },
  { value: 'MESSAGE_CONTAINS', label: 'Message contains' },
  { value: 'VARIABLE_EQUALS', label: 'Variable equals' },
  { value: 'VARIABLE_IS_SET', label: 'Variable is set' },
  { value: 'VARIABLE_NOT_SET', label: 'Variable is not set' },
  { value: 'LANGUAGE_IS', label: 'Language is' },
  { value: 'FIRST_MESSAGE', label: 'First message of the conversation' },
  { value: 'CONVERSATION_STATUS', label: 'Conversation status is' },
];

export const actionTypes: { value: ActionType; label: string }[] = [
  { value: 'CALL_API', label: 'Call API endpoint' },
  { value: 'REPLY_TEXT', label: 'Reply with text' },
  { value: 'REPLY_AI', label: 'Reply with AI' },
  { value: 'SET_VARIABLE', label: 'Set variable' },
  { value: 'ASSIGN_TO_OPERATOR', label: 'Assign to operator' },
  { value: 'SET_STATUS', label: 'Set status' },
];

export const statuses = ['open', 'pending', 'closed'] as const;

/** A fresh condition of a type, with that type's fields present. */
export function newCondition(type: ConditionType): Condition {
  switch (type) {
    case 'MESSAGE_MATCHES_REGEX':
      return { type, pattern: '', flags: 'i' };
    case 'MESSAGE_CONTAINS':
      return { type, value: '', caseSensitive: false };
    case 'VARIABLE_EQUALS':
      return { type, name: '', value: '' };
    case 'VARIABLE_IS_SET':
    case 'VARIABLE_NOT_SET':
      return { type, name: '' };
    case 'LANGUAGE_IS':
      return { type, language: 'en' };
    case 'FIRST_MESSAGE':
      return { type };
    case 'CONVERSATION_STATUS':
      return { type, status: 'open' };
  }
}

/** A condition whose text is still empty: it would only block saving ("Pattern is required"). */
function isBlank(c: Condition): boolean {
  const text = (field: string) => String(c[field] ?? '').trim() === '';
  switch (c.type) {
    case 'MESSAGE_MATCHES_REGEX':
      return text('pattern');
    case 'MESSAGE_CONTAINS':
    case 'VARIABLE_EQUALS':
      return text(c.type === 'MESSAGE_CONTAINS' ? 'value' : 'name');
    case 'VARIABLE_IS_SET':
    case 'VARIABLE_NOT_SET':
      return text('name');
    default:
      return false;
  }
}

/**
 * The conditions after switching the rule's type. AI rules are matched from their description, so
 * conditions are optional there and blank ones go; a static rule without any would match every
 * message, so it gets an empty regex to fill in.
 */
export function conditionsForType(type: 'static' | 'ai', conditions: readonly Condition[]): Condition[] {
  if (type === 'ai') return conditions.filter((c) => !isBlank(c));
  return conditions.length > 0 ? [...conditions] : [newCondition('MESSAGE_MATCHES_REGEX')];
}

export function newAction(type: ActionType): Action {
  switch (type) {
    case 'CALL_API':
      return { type, endpointId: '', params: {}, branches: [] };
    case 'REPLY_TEXT':
      return { type, text: '' };
    case 'REPLY_AI':
      return { type, instructions: '' };
    case 'SET_VARIABLE':
      return { type, name: '', value: '' };
    case 'ASSIGN_TO_OPERATOR':
      return { type, operatorId: null };
    case 'SET_STATUS':
      return { type, status: 'pending' };
  }
}

/** Drops empty optional fields so the API's defaults apply. */
export function cleanAction(action: Action): Action {
  const out: Action = { ...action };
  if (out.type === 'REPLY_AI' && !out.instructions?.trim()) delete out.instructions;
  if (out.type === 'CALL_API')
    out.branches = (out.branches ?? []).map((b) => ({ ...b, actions: b.actions.map(cleanAction) }));
  return out;
}
