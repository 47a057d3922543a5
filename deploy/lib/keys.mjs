// The login service's RS256 signing keys, passed to the services as file paths
// (never as environment values). `npm start` keeps its pair in .data/secrets
// (0700); the tests write a fresh pair into a private temporary folder.
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync, renameSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from './paths.mjs';
import { privateDir, secretFile, secretsDir } from './secrets.mjs';

export function newKeyPair() {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

const publicHalf = (privateKeyPem) => createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }).toString();

/** Writes a new pair into `dir` (made private, 0700) and answers with the paths. */
export function writeKeyPair(dir) {
  privateDir(dir);
  const pair = newKeyPair();
  const privateKeyFile = join(dir, 'jwt-private.pem');
  const publicKeyFile = join(dir, 'jwt-public.pem');
  writeFileSync(privateKeyFile, pair.privateKey, { mode: 0o600 });
  writeFileSync(publicKeyFile, pair.publicKey, { mode: 0o600 });
  return { privateKeyFile, publicKeyFiles: [publicKeyFile], ...pair };
}

/** Moves the pair an older launcher kept in .data/keys into the secrets folder. */
function adoptOldKeys(dir) {
  const old = join(dataDir, 'keys');
  if (!existsSync(join(old, 'jwt-private.pem')) || existsSync(join(dir, 'jwt-private.pem'))) return;
  privateDir(dir);
  for (const name of ['jwt-private.pem', 'jwt-public.pem']) {
    if (!existsSync(join(old, name))) continue;
    renameSync(join(old, name), join(dir, name));
    chmodSync(join(dir, name), 0o600);
  }
  if (readdirSync(old).length === 0) rmdirSync(old);
}

/**
 * The local signing pair, made on first use: `privateKeyFile` signs, and
 * `publicKeyFiles` are every `jwt-public*.pem` in the secrets folder, so a
 * previous key put there as `jwt-public-previous.pem` stays accepted while
 * the tokens it signed run out (docs/architecture.md, "Sessions and keys").
 */
export function localKeyFiles(dir = secretsDir) {
  adoptOldKeys(dir);
  const privateKeyFile = secretFile('jwt-private.pem', () => newKeyPair().privateKey, dir);
  const privateKey = readFileSync(privateKeyFile, 'utf8');
  secretFile('jwt-public.pem', () => publicHalf(privateKey), dir);
  const publicKeyFiles = readdirSync(dir)
    .filter((name) => /^jwt-public.*\.pem$/.test(name))
    .sort()
    .map((name) => join(dir, name));
  return { privateKeyFile, publicKeyFiles, privateKey, publicKey: readFileSync(join(dir, 'jwt-public.pem'), 'utf8') };
}

/** The local pair's PEMs (for minting tokens in benchmarks against `npm start`'s stack). */
export const localKeyPair = (dir = secretsDir) => {
  const { privateKey, publicKey } = localKeyFiles(dir);
  return { privateKey, publicKey };
};
