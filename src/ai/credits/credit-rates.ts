/**
 * What AI costs in credits. LLM calls are billed by the tokens the provider reports; the embedded
 * provider (no tokens) by a flat amount per reply it writes. Operators tune both with
 * PARLEY_AI_CREDITS_PER_TOKEN (default 1) and PARLEY_AI_EMBEDDED_REPLY_CREDITS (default 1).
 */
export interface CreditRates {
  perToken: number;
  embeddedReply: number;
}

export function creditRatesFrom(env: Record<string, string | undefined> = process.env): CreditRates {
  return {
    perToken: nonNegative(env.PARLEY_AI_CREDITS_PER_TOKEN, 1),
    embeddedReply: nonNegative(env.PARLEY_AI_EMBEDDED_REPLY_CREDITS, 1),
  };
}

/** Whole credits for a token count; any non-zero usage costs at least 1 when the rate is non-zero. */
export function creditsForTokens(rates: CreditRates, tokens: number): number {
  if (tokens <= 0 || rates.perToken === 0) return 0;
  return Math.max(1, Math.ceil(tokens * rates.perToken));
}

function nonNegative(raw: string | undefined, fallback: number): number {
  const value = raw === undefined || raw.trim() === '' ? Number.NaN : Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}
