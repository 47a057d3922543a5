import { TokenMinter } from '#serapan/auth-testing';
import type { Principal } from '#serapan/auth';

let minter: TokenMinter | undefined;

/** Signs tokens with the key pair the test stack's services trust. */
export function testTokens(): TokenMinter {
  minter ??= new TokenMinter({ publicKey: process.env.TEST_JWT_PUBLIC_KEY!, privateKey: process.env.TEST_JWT_PRIVATE_KEY! });
  return minter;
}

export const tokenFor = (principal: Omit<Principal, 'sub'>): string => testTokens().mint(principal);
