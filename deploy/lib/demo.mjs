// Whether a run of the launcher makes the demo users and demo data (docs/demo-users.md).

/** Addresses that only this machine reaches: 127.0.0.0/8, ::1 and localhost. */
export const isLoopback = (host) => host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);

/**
 * Reads SERAPAN_DEMO (true unless set to false: `npm start` on a developer's
 * machine is a demo) and the address the gateway will listen on (GATEWAY_HOST,
 * else HOST, else 127.0.0.1). The demo users share a published password, so a
 * demo on an address other machines reach is refused with what to do instead.
 */
export function demoSwitch(env = process.env) {
  const raw = (env.SERAPAN_DEMO ?? '').trim().toLowerCase();
  const demo = raw === '' || ['true', '1', 'yes'].includes(raw) ? true : ['false', '0', 'no'].includes(raw) ? false : undefined;
  if (demo === undefined) throw new Error(`SERAPAN_DEMO must be true or false (it is "${env.SERAPAN_DEMO}")`);
  const host = env.GATEWAY_HOST || env.HOST || '127.0.0.1';
  if (demo && !isLoopback(host)) {
    throw new Error(
      `the gateway would listen on ${host}, which other machines reach, with the demo users and their published password: ` +
        `set SERAPAN_DEMO=false and create real users with "npm run users -- create" (docs/demo-users.md), or listen on 127.0.0.1`,
    );
  }
  return { demo, host: host === 'localhost' ? '127.0.0.1' : host };
}
