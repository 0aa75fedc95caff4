/**
 * What an auth strategy adds to a request. Strategies return it and never touch
 * the request itself; everything in it is a credential, so the executor redacts
 * exactly these names in what it echoes and logs.
 */
export interface AuthContribution {
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
}

export const noAuthContribution: AuthContribution = Object.freeze({
  headers: Object.freeze({}),
  query: Object.freeze({}),
});
