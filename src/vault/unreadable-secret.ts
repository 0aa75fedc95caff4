import { AppError } from '../errors.ts';

/**
 * A stored secret that none of this process's master keys opens: its key was lost or never given
 * to this process, or the ciphertext is damaged. Routes answer 409 with the message (never the
 * ciphertext), which tells the admin what to do; `parley rotate-key` reports and skips such values.
 */
export class UnreadableSecretError extends AppError {
  readonly keyId: string;

  constructor(keyId: string, reason: 'unknown-key' | 'damaged') {
    super(
      'CONFLICT',
      reason === 'unknown-key'
        ? `A stored secret was encrypted with master key ${keyId}, which this server does not have: re-enter the secret (or give the server that key in PARLEY_MASTER_KEY_PREVIOUS).`
        : `A stored secret cannot be decrypted with master key ${keyId} (the stored value is damaged): re-enter the secret.`,
    );
    this.name = 'UnreadableSecretError';
    this.keyId = keyId;
  }
}

export const isUnreadableSecret = (error: unknown): error is UnreadableSecretError =>
  error instanceof UnreadableSecretError;
