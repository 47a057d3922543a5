// Preloaded into the services with `--profile` (NODE_OPTIONS=--import …; node
// 20 refuses --cpu-prof there). The first SIGWINCH starts the V8 CPU profiler,
// (Nest's shutdown hooks take SIGUSR2), the second writes bench/results/profiles/<port>-<pid>.cpuprofile, so the
// profile covers exactly the load phase.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const dir = process.env.BENCH_PROFILE_DIR;
const session = new Session();
session.connect();
let running = false;
process.on('SIGWINCH', () => {
  if (!running) {
    running = true;
    session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 1000 }, () => session.post('Profiler.start')));
    return;
  }
  running = false;
  session.post('Profiler.stop', (error, result) => {
    if (error) return;
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}/${process.env.PORT}-${process.pid}.cpuprofile`, JSON.stringify(result.profile));
  });
});
