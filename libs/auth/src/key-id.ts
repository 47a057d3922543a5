import { createHash, createPublicKey } from 'node:crypto';

/**
 * The key id (`kid`) of a PEM public key: the SHA-256 of its SubjectPublicKeyInfo,
 * base64url, first 16 characters. Derived, so the signer and every verifier agree
 * on it without configuring one.
 */
export function keyId(publicKeyPem: string): string {
  const spki = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64url').slice(0, 16);
}
