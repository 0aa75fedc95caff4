import type { AppContext } from '../../context.ts';
import type { AiTurnContext, EndpointFieldInfo, SlotFillResult } from '../../rules/ai-hooks.ts';
import { fieldQuestion } from '../slots/field-question.ts';
import { fillSlotsEmbedded } from '../slots/fill-slots-embedded.ts';

/**
 * The field the AI asked for in its message right before the visitor's: the visitor's whole answer
 * may be that value ("4521", "yes"). Found by matching our own question wording, so no extra state
 * is kept between messages.
 */
export function askedFieldOf(
  turn: Pick<AiTurnContext, 'history' | 'message'>,
  fields: readonly EndpointFieldInfo[],
): string | null {
  const history = [...turn.history];
  while (history.length > 0 && history.at(-1)?.role === 'visitor') history.pop();
  const previous = history.at(-1);
  if (previous?.role !== 'ai') return null;
  const text = previous.content.trim();
  return fields.find((field) => text.endsWith(fieldQuestion(field)))?.name ?? null;
}

/**
 * fillSlots, for every provider: the embedded extractor is exact about types and patterns and
 * costs nothing, so LLM tenants use it too (questions are in English — see README).
 */
export async function fillSlots(
  _ctx: AppContext,
  turn: AiTurnContext,
  endpoint: { id: string; name: string; description: string; fields: EndpointFieldInfo[] },
): Promise<SlotFillResult | null> {
  if (endpoint.fields.length === 0) return { status: 'complete', values: {} };
  return fillSlotsEmbedded({
    message: turn.message,
    fields: endpoint.fields,
    variables: turn.variables,
    askedField: askedFieldOf(turn, endpoint.fields),
    language: turn.language,
  });
}
