import { type AuthContribution, noAuthContribution } from './auth-contribution.ts';

/** `{"type": "none"}`: public APIs. */
export function noneAuth(): AuthContribution {
  return noAuthContribution;
}
