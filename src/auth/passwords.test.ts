import { describe, expect, it, vi } from 'vitest';

describe('password hashing (argon2id)', () => {
  it('hashes to a PHC string that verifies only the right password', async () => {
    const { hashPassword, verifyPassword } = await import('./passwords.ts');
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=65536,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse batterx')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });

  it('falls back to libsodium crypto_pwhash where Node has no native argon2, with interchangeable hashes', async () => {
    const { hashPassword: nativeHash } = await import('./passwords.ts');
    const nativeMade = await nativeHash('shared-password');
    vi.resetModules();
    vi.doMock('node:crypto', async () => {
      const real = await vi.importActual<typeof import('node:crypto')>('node:crypto');
      return { ...real, default: { ...real, argon2: undefined } };
    });
    try {
      const { hashPassword, verifyPassword } = await import('./passwords.ts');
      const sodiumMade = await hashPassword('shared-password');
      expect(sodiumMade).toMatch(/^\$argon2id\$v=19\$m=65536,t=2,p=1\$/);
      expect(await verifyPassword(sodiumMade, 'shared-password')).toBe(true);
      expect(await verifyPassword(nativeMade, 'shared-password')).toBe(true);
      expect(await verifyPassword(nativeMade, 'other-password')).toBe(false);
    } finally {
      vi.doUnmock('node:crypto');
      vi.resetModules();
    }
  });
});
