import type { LanguageModelUsage } from 'ai';

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

export function tokenUsage(usage: LanguageModelUsage | undefined): TokenUsage {
  return { inputTokens: usage?.inputTokens ?? 0, outputTokens: usage?.outputTokens ?? 0 };
}

export const totalTokens = (usage: TokenUsage): number => usage.inputTokens + usage.outputTokens;
