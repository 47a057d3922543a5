import { randomBytes, scrypt, ScryptOptions, timingSafeEqual } from 'node:crypto';

// OWASP's Password Storage Cheat Sheet (2025): N=2^17, r=8, p=1
const COST = { N: 2 ** 17, r: 8, p: 1 };
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

function derive(password: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/**
 * Passwords as memory-hard scrypt hashes with a salt per user, stored as
 * `scrypt$N$r$p$salt$hash` so the cost can be raised without breaking old hashes
 * (they still verify, and login makes them again at the new cost).
 */
export const passwordHasher = {
  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_LENGTH);
    const key = await derive(password, salt, COST);
    return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
  },

  /** Whether `stored` was made at a lower cost than today's, and should be made again at the next login. */
  isOutdated(stored: string): boolean {
    const [scheme, n, r, p] = stored.split('$');
    return scheme !== 'scrypt' || Number(n) < COST.N || Number(r) < COST.r || Number(p) < COST.p;
  },

  async verify(password: string, stored: string): Promise<boolean> {
    const [scheme, n, r, p, salt, expected] = stored.split('$');
    if (scheme !== 'scrypt' || !salt || !expected) return false;
    const wanted = Buffer.from(expected, 'base64');
    const key = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
    return key.length === wanted.length && timingSafeEqual(key, wanted);
  },
};
