import type { ModelMessage } from 'ai';
import type { AiTurnContext } from '../../rules/ai-hooks.ts';

const MAX_TURNS = 20;

/** The transcript as chat messages (visitor → user; AI and operators → assistant), ending with the message at hand. */
export function conversationMessages(turn: Pick<AiTurnContext, 'history' | 'message'>): ModelMessage[] {
  const messages: ModelMessage[] = [];
  for (const entry of turn.history.slice(-MAX_TURNS)) {
    if (entry.role === 'visitor') messages.push({ role: 'user', content: entry.content });
    else if (entry.role === 'ai' || entry.role === 'operator')
      messages.push({ role: 'assistant', content: entry.content });
  }
  const last = messages.at(-1);
  if (!(last?.role === 'user' && last.content === turn.message))
    messages.push({ role: 'user', content: turn.message });
  return messages;
}

const names = new Intl.DisplayNames(['en'], { type: 'language' });

/** "French (fr)" for prompts; the code alone if the runtime does not know it. */
export function languageName(code: string | null | undefined): string | null {
  if (!code) return null;
  try {
    const name = names.of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}
