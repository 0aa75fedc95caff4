import { z } from 'zod';
import { type ActionContext, type ActionResult, proceed } from './action.ts';
import { interpolate } from './interpolate.ts';

export const replyTextSchema = z.object({
  type: z.literal('REPLY_TEXT'),
  text: z.string().trim().min(1).max(4000),
});
export type ReplyText = z.output<typeof replyTextSchema>;

/** Posts the text as an automatic reply; `{variable}`s come from the session (unknown ones render empty). */
export async function runReplyText(
  action: ReplyText,
  { turn, rule, effects }: ActionContext,
): Promise<ActionResult> {
  const { text, unknown } = interpolate(action.text, turn, rule);
  await effects.reply(text);
  return proceed(
    [{ ruleId: rule.id, type: 'REPLY_TEXT', text, ...(unknown.length ? { unknownVariables: unknown } : {}) }],
    unknown,
  );
}
