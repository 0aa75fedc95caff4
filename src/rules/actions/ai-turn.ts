import type { AiTurnContext } from '../ai-hooks.ts';
import type { RuleTurn } from './action.ts';

/** What the AI layer is shown of the turn: a copy, so a hook cannot change the engine's variables. */
export const aiTurnOf = (turn: RuleTurn): AiTurnContext => ({
  tenantId: turn.tenantId,
  conversationId: turn.conversationId,
  widgetId: turn.widgetId,
  message: turn.message,
  language: turn.language,
  variables: { ...turn.variables },
  history: turn.history,
});

export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));
