// npm start: the whole system on this machine, data kept between runs, Ctrl-C stops it all.
import { localKeyFiles } from './lib/keys.mjs';
import { log } from './lib/log.mjs';
import { startStack, stopStarted } from './lib/stack.mjs';
import { seedDemo } from './seed-demo.mjs';

const keys = localKeyFiles();
let stack;

async function shutdown(code = 0) {
  await stopStarted();
  process.exit(code);
}

try {
  // supervised: a service or Kafka node that dies is restarted alone, with backoff
  stack = await startStack({ publicKeyFiles: keys.publicKeyFiles, privateKeyFile: keys.privateKeyFile, quiet: true, supervised: true, prometheus: true });
  const { gateway, ...services } = stack.services;
  if (stack.demo) await seedDemo(gateway.url).catch((error) => log('seed', `demo data not (fully) made: ${error.message}`));
  const lines = [
    `  gateway  ${gateway.url}  (web app and public API)`,
    `  public   ${gateway.url}/transparency  (no sign-in; open data at ${gateway.url}/api/open-data/releases)`,
    ...Object.values(services).map((s) => `  ${s.name.padEnd(8)} ${s.url}  (API docs ${s.url}/docs)`),
    `  kafka    ${stack.kafka.brokers.join(',')}`,
    `  postgres ${new URL(stack.postgres.url).host}`,
    ...(stack.prometheus ? [`  metrics  ${stack.prometheus.url}  (Prometheus; each service's own at <its url>/metrics)`] : []),
  ];
  process.stdout.write(
    `\nSerapan is running. Open this: ${gateway.url}\n${
      stack.demo
        ? '(demo users and their password: docs/demo-users.md; SERAPAN_DEMO=false runs without them)'
        : '(no demo users: SERAPAN_DEMO=false; create users with "npm run users -- create", docs/demo-users.md)'
    }\n\n${lines.join('\n')}\n\nPress Ctrl-C to stop everything.\n`,
  );
} catch (error) {
  log('stack', `could not start: ${error.message}`);
  await shutdown(1);
}
