import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

interface SuperviseOptions {
  part: string;
  logFile: string;
  process: ChildProcess;
  restart: () => Promise<ChildProcess>;
  stopping: () => boolean;
  delays?: number;
  say?: (part: string, line: string) => void;
}
interface Supervisor {
  supervise: (options: SuperviseOptions) => void;
  MAX_RESTARTS: number;
}

/** The launcher's supervisor (deploy/lib/supervisor.mjs), run from the checkout's root as npm test does. */
const loadSupervisor = async () => (await import(pathToFileURL(join(process.cwd(), 'deploy', 'lib', 'supervisor.mjs')).href)) as Supervisor;

/** A real child process that exits with `code` after `ms`, or runs until killed when `ms` is undefined. */
const child = (ms?: number, code = 3) =>
  spawn(process.execPath, ['-e', ms === undefined ? 'setInterval(() => {}, 1000)' : `setTimeout(() => process.exit(${code}), ${ms})`]);

const until = async (what: string, check: () => boolean, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('the launcher supervisor: a part that dies is restarted alone; a crash loop is given up', () => {
  test('a process killed with -9 is started again, and the new one is watched too', async () => {
    const { supervise } = await loadSupervisor();
    const started: ChildProcess[] = [child()];
    const lines: string[] = [];
    let stopping = false;
    supervise({
      part: 'order',
      logFile: '.data/logs/order.log',
      process: started[0],
      restart: () => Promise.resolve(started[started.push(child()) - 1]),
      stopping: () => stopping,
      delays: 0.01,
      say: (part, line) => lines.push(`${part} ${line}`),
    });
    started[0].kill('SIGKILL');
    await until('a first restart', () => started.length === 2);
    started[1].kill('SIGKILL');
    await until('a second restart', () => started.length === 3);
    assert.match(lines[0], /^order exited \(signal SIGKILL\); restarting in 0\.0 s \(restart 1 of at most 5 in a row; log \.data\/logs\/order\.log\)$/);
    assert.ok(lines.includes('order restarted'));
    // while the stack stops, an exit is what was asked for: nothing is restarted
    stopping = true;
    started[2].kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(started.length, 3);
  });

  test('a process that keeps crashing soon after its start is given up, naming it and its log', async () => {
    const { supervise, MAX_RESTARTS } = await loadSupervisor();
    let starts = 1;
    const lines: string[] = [];
    supervise({
      part: 'budget-1',
      logFile: '.data/logs/budget-1.log',
      process: child(10),
      restart: () => {
        starts += 1;
        return Promise.resolve(child(10));
      },
      stopping: () => false,
      delays: 0.01,
      say: (part, line) => lines.push(`${part} ${line}`),
    });
    await until('the supervisor to give up', () => lines.some((line) => line.includes('given up')));
    assert.equal(starts, 1 + MAX_RESTARTS);
    assert.equal(
      lines.at(-1),
      `budget-1 keeps crashing (${MAX_RESTARTS} restarts, each within a minute of its start): given up; its log is .data/logs/budget-1.log`,
    );
  });

  test('a restart that fails counts as a crash and is tried again with a longer delay', async () => {
    const { supervise } = await loadSupervisor();
    const lines: string[] = [];
    let attempts = 0;
    const last = child();
    supervise({
      part: 'catalog',
      logFile: '.data/logs/catalog.log',
      process: child(10),
      restart: () => (++attempts === 1 ? Promise.reject(new Error('catalog exited (1)')) : Promise.resolve(last)),
      stopping: () => false,
      delays: 0.01,
      say: (part, line) => lines.push(`${part} ${line}`),
    });
    await until('the second attempt', () => lines.includes('catalog restarted'));
    last.kill('SIGKILL');
    assert.deepEqual(
      lines.slice(0, 3).map((line) => line.replace(/ \(restart.*/, '')),
      ['catalog exited (code 3); restarting in 0.0 s', 'catalog could not restart: catalog exited (1)', 'catalog exited (did not start); restarting in 0.0 s'],
    );
    assert.match(lines[2], /restart 2 of at most 5/);
  });
});
