import { z } from 'zod';
import { aiHooks, defaultAiHooks } from '../ai-hooks.ts';
import { type ActionContext, type ActionResult, proceed } from './action.ts';
import { aiTurnOf, errorText } from './ai-turn.ts';

export const replyAiSchema = z.object({
  type: z.literal('REPLY_AI'),
  /** Guidance for the model, or (embedded AI) a reply template with `{variables}`. */
  instructions: z.string().trim().max(4000).optional(),
});
export type ReplyAi = z.output<typeof replyAiSchema>;

export const AI_UNAVAILABLE_NOTE =
  'A rule asked the AI to reply (REPLY_AI), but no AI reply was produced (AI not configured or unavailable).';

/**
 * Hands the reply to the AI layer with the variables earlier actions mapped. In a dry-run the AI
 * is not asked (it may cost credits): the entry just says a reply would be written.
 */
export async function runReplyAi(
  action: ReplyAi,
  { turn, rule, effects }: ActionContext,
  earlier: { mappedVariables: string[]; endpointDescription?: string },
): Promise<ActionResult> {
  const base = {
    ruleId: rule.id,
    type: 'REPLY_AI' as const,
    ...(action.instructions ? { instructions: action.instructions } : {}),
  };
  if (!effects.live) return proceed([base]);
  let result: Awaited<ReturnType<ReturnType<typeof aiHooks>['replyAi']>>;
  try {
    result = await aiHooks().replyAi(effects.ctx, aiTurnOf(turn), {
      instructions: action.instructions,
      ...earlier,
    });
  } catch (error) {
    // The AI provider failing is an upstream fault like any other: the visitor still gets an answer.
    const text = await effects.fallbackReply();
    await effects.reply(text);
    return {
      log: [
        { ...base, error: `AI reply failed: ${errorText(error)}` },
        { ruleId: rule.id, type: 'FALLBACK_REPLY', text },
      ],
      unknownVariables: [],
      flow: { next: 'halt' },
    };
  }
  if (result.text === null) {
    // A registered AI layer that declines (e.g. out of credits) says why in `error`; without one, we explain.
    if (aiHooks() !== defaultAiHooks) {
      return proceed([{ ...base, text: null, ...(result.error ? { error: result.error } : {}) }]);
    }
    await effects.note(AI_UNAVAILABLE_NOTE);
    return proceed([{ ...base, text: null, note: AI_UNAVAILABLE_NOTE }]);
  }
  await effects.reply(result.text);
  return proceed([{ ...base, text: result.text, ...(result.error ? { error: result.error } : {}) }]);
}
