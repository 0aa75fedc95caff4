import { describe, expect, it } from 'vitest';
import { missingSignInFields } from './sign-in-page.tsx';

describe('sign-in fields checked before asking the server', () => {
  it('asks for an empty email in words, not "Use at least 3 characters."', () => {
    expect(missingSignInFields('', 'secret-password')).toEqual({ email: 'Enter your email address.' });
    expect(missingSignInFields('   ', 'secret-password')).toEqual({ email: 'Enter your email address.' });
  });

  it('asks for an empty password', () => {
    expect(missingSignInFields('a@b.example', '')).toEqual({ password: 'Enter your password.' });
  });

  it('leaves anything typed to the server', () => {
    expect(missingSignInFields('ab', 'x')).toEqual({});
  });
});
