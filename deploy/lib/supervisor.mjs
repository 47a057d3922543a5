// Keeps the parts of a running stack alive, as a process supervisor would in a deployment.
import { log, sleep } from './log.mjs';

/** Restarts in a row, each within `STABLE_MS` of the last start, before a part is given up. */
export const MAX_RESTARTS = 5;
/** A part that ran this long before it died is not crash-looping: its count starts again. */
const STABLE_MS = 60_000;
const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 30_000;

/**
 * Watches one part (a service instance, a Kafka node): when its process exits
 * while `stopping()` is false, `restart()` starts it again after a backoff
 * (1 s, doubling up to 30 s) and must resolve to the new process. A part that
 * keeps crashing (`MAX_RESTARTS` restarts in a row, each soon after its start)
 * is given up with a message naming it and its log; the rest keeps running.
 * `delays` scales the backoff and `say` prints a line (tests change them).
 */
export function supervise({ part, logFile, process: first, restart, stopping, delays = 1, say = log }) {
  let failures = 0;
  let startedAt = Date.now();
  const onExit = async (how) => {
    if (stopping()) return;
    failures = Date.now() - startedAt < STABLE_MS ? failures + 1 : 1;
    if (failures > MAX_RESTARTS) {
      say(part, `keeps crashing (${MAX_RESTARTS} restarts, each within a minute of its start): given up; its log is ${logFile}`);
      return;
    }
    const delay = Math.min(FIRST_DELAY_MS * 2 ** (failures - 1), MAX_DELAY_MS) * delays;
    say(part, `exited (${how}); restarting in ${(delay / 1000).toFixed(1)} s (restart ${failures} of at most ${MAX_RESTARTS} in a row; log ${logFile})`);
    await sleep(delay);
    if (stopping()) return;
    startedAt = Date.now();
    try {
      watch(await restart());
      say(part, 'restarted');
    } catch (error) {
      say(part, `could not restart: ${error.message}`);
      void onExit('did not start');
    }
  };
  const watch = (child) => child.once('exit', (code, signal) => void onExit(signal ? `signal ${signal}` : `code ${code}`));
  watch(first);
}
