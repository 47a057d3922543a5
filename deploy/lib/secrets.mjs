// Local secrets (signing keys, Kafka and PostgreSQL passwords): generated once
// and kept in .data/secrets, a folder only its owner may enter (0700), each
// file readable by its owner only (0600). Services get file paths or values
// from the launcher; nothing here is ever printed.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from './paths.mjs';

export const secretsDir = join(dataDir, 'secrets');

/** `dir`, created if missing, and made private to its owner (0700) either way. */
export function privateDir(dir = secretsDir) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  return dir;
}

/** A random password: 32 URL-safe characters. */
export const newPassword = () => randomBytes(24).toString('base64url');

/**
 * The path of secret `name` in `dir`, made with `make()` (a new password by
 * default) the first time it is asked for.
 */
export function secretFile(name, make = newPassword, dir = secretsDir) {
  const path = join(privateDir(dir), name);
  if (!existsSync(path)) writeFileSync(path, make(), { mode: 0o600 });
  return path;
}

/** The value of secret `name`, made with `make()` the first time. */
export const secret = (name, make = newPassword, dir = secretsDir) => readFileSync(secretFile(name, make, dir), 'utf8');
