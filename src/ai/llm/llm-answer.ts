import type { LanguageModel, ToolSet } from 'ai';
import type { AiTurnContext } from '../../rules/ai-hooks.ts';
import { modelVisibleVariables } from '../visible-variables.ts';
import { loadAiSdk } from './ai-sdk.ts';
import { conversationMessages, languageName } from './conversation-messages.ts';
import { type TokenUsage, tokenUsage } from './llm-usage.ts';

/** Tool rounds per visitor message: enough for auth → lookup → follow-up, bounded against loops. */
export const MAX_TOOL_STEPS = 5;

/**
 * The default answer with an LLM: the model may call the tenant's aiCallable endpoints (several,
 * chained) and writes the reply from their results. Tool results carry mapped variables or an
 * error message only, so the model never sees a raw response.
 */
export async function llmAnswer(
  model: LanguageModel,
  turn: AiTurnContext,
  tools: ToolSet,
): Promise<{ text: string; usage: TokenUsage; toolCalls: number }> {
  const language = languageName(turn.language);
  const variables = modelVisibleVariables(turn.variables);
  const system = [
    "You are the customer-support assistant of a business, answering a visitor in the business's website chat.",
    language ? `Reply in ${language}, the visitor's language.` : "Reply in the visitor's language.",
    Object.keys(tools).length > 0
      ? 'Use the tools to look up live data when the visitor asks for it. If a tool needs details you do not have, ask the visitor for them. If a tool returns an error, tell the visitor that error message and nothing more about it.'
      : 'You have no tools to look up data.',
    'State facts only from tool results and the session variables; never invent order details, prices, dates or statuses.',
    'Keep replies short and friendly; plain text, no markdown.',
    Object.keys(variables).length > 0 ? `Session variables (JSON):\n${JSON.stringify(variables)}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  const { generateText, stepCountIs } = await loadAiSdk();
  const result = await generateText({
    model,
    maxRetries: 1,
    system,
    messages: conversationMessages(turn),
    tools,
    stopWhen: stepCountIs(MAX_TOOL_STEPS),
  });
  const toolCalls = result.steps.reduce((n, step) => n + step.toolCalls.length, 0);
  return { text: result.text.trim(), usage: tokenUsage(result.usage), toolCalls };
}
