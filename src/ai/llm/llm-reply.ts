import type { LanguageModel } from 'ai';
import type { AiTurnContext } from '../../rules/ai-hooks.ts';
import { modelVisibleVariables } from '../visible-variables.ts';
import { loadAiSdk } from './ai-sdk.ts';
import { conversationMessages, languageName } from './conversation-messages.ts';
import { type TokenUsage, tokenUsage } from './llm-usage.ts';

export interface LlmReplyInput {
  instructions?: string;
  endpointDescription?: string;
}

/**
 * REPLY_AI with an LLM: the model sees the conversation, the rule's instructions, the visitor's
 * language and the session variables — nothing else — and is told to state no value that is not
 * among those variables.
 */
export async function llmReply(
  model: LanguageModel,
  turn: AiTurnContext,
  input: LlmReplyInput,
): Promise<{ text: string; usage: TokenUsage }> {
  const language = languageName(turn.language);
  const system = [
    'You are the customer-support assistant of a business, writing the next chat reply to a visitor.',
    language
      ? `Write the reply in ${language}, the visitor's language.`
      : "Write the reply in the visitor's language.",
    'Facts: use only the session variables below. Never state a number, date, status, price, name or any other value that is not among them; if something the visitor asked is not there, say you could not find it.',
    'Keep it short and friendly; plain text, no markdown.',
    input.endpointDescription ? `The variables come from: ${input.endpointDescription}` : '',
    input.instructions ? `Instructions from the business:\n${input.instructions}` : '',
    `Session variables (JSON):\n${JSON.stringify(modelVisibleVariables(turn.variables))}`,
  ]
    .filter(Boolean)
    .join('\n\n');
  const { generateText } = await loadAiSdk();
  const result = await generateText({ model, maxRetries: 1, system, messages: conversationMessages(turn) });
  return { text: result.text.trim(), usage: tokenUsage(result.usage) };
}
