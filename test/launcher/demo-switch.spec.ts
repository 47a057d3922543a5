import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

interface DemoSwitch {
  demoSwitch: (env: Record<string, string | undefined>) => { demo: boolean; host: string };
}

/** The launcher's switch (deploy/lib/demo.mjs), run from the checkout's root as npm test does. */
const load = async () => (await import(pathToFileURL(join(process.cwd(), 'deploy', 'lib', 'demo.mjs')).href)) as DemoSwitch;

test('a run on the loopback is a demo unless SERAPAN_DEMO=false', async () => {
  const { demoSwitch } = await load();
  assert.deepEqual(demoSwitch({}), { demo: true, host: '127.0.0.1' });
  assert.deepEqual(demoSwitch({ SERAPAN_DEMO: 'false' }), { demo: false, host: '127.0.0.1' });
  assert.deepEqual(demoSwitch({ SERAPAN_DEMO: 'true', GATEWAY_HOST: '::1' }), { demo: true, host: '::1' });
  assert.deepEqual(demoSwitch({ HOST: 'localhost' }), { demo: true, host: '127.0.0.1' });
  assert.throws(() => demoSwitch({ SERAPAN_DEMO: 'maybe' }), /SERAPAN_DEMO must be true or false/);
});

test('refuses demo users when the gateway listens on an address other machines reach, and says what to do', async () => {
  const { demoSwitch } = await load();
  for (const env of [{ GATEWAY_HOST: '0.0.0.0' }, { HOST: '10.0.0.5' }, { SERAPAN_DEMO: 'true', GATEWAY_HOST: '192.168.1.20' }]) {
    assert.throws(() => demoSwitch(env), /would listen on .+ set SERAPAN_DEMO=false and create real users with "npm run users -- create"/, JSON.stringify(env));
  }
  assert.deepEqual(demoSwitch({ SERAPAN_DEMO: 'false', GATEWAY_HOST: '0.0.0.0' }), { demo: false, host: '0.0.0.0' });
});
