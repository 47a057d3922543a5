import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh RS256 key pair written as PEM files in a private temporary folder, as config takes keys (by path). */
export function keyPairFiles(): { publicKeyFile: string; privateKeyFile: string; publicKey: string; privateKey: string } {
  const dir = mkdtempSync(join(tmpdir(), 'serapan-keys-'));
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const publicKeyFile = join(dir, 'jwt-public.pem');
  const privateKeyFile = join(dir, 'jwt-private.pem');
  writeFileSync(publicKeyFile, publicKey);
  writeFileSync(privateKeyFile, privateKey, { mode: 0o600 });
  return { publicKeyFile, privateKeyFile, publicKey, privateKey };
}
