import { readFileSync } from 'node:fs';
import { TokenMinter } from '#serapan/auth-testing';
import type { Principal } from '#serapan/auth';

let minter: TokenMinter | undefined;

function keyFile(name: string): string {
  const path = process.env[name];
  if (!path) throw new Error(`${name} is not set: run the tests with "npm test", which writes the test key pair`);
  return readFileSync(path, 'utf8');
}

/** Signs tokens (with `kid` and `exp`) with the key pair the test stack's services trust. */
export function testTokens(): TokenMinter {
  minter ??= new TokenMinter({ publicKey: keyFile('TEST_JWT_PUBLIC_KEY_FILE'), privateKey: keyFile('TEST_JWT_PRIVATE_KEY_FILE') });
  return minter;
}

export const tokenFor = (principal: Omit<Principal, 'sub'>): string => testTokens().mint(principal);
