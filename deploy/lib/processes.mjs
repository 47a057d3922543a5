// Local processes and the ports they answer on: what the launcher checks
// before it starts something, and what the bench drivers use to find and stop it.
import { execFileSync } from 'node:child_process';
import { createConnection } from 'node:net';

/** Whether something accepts TCP connections on 127.0.0.1:`port`. */
export function portAnswers(port) {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The HTTP status `url` answers with, or 0 when nothing answers. */
export async function httpStatus(url) {
  try {
    const response = await fetch(url);
    await response.body?.cancel();
    return response.status;
  } catch {
    return 0;
  }
}

/** The pid of the process listening on `port` (from `ss`), if there is one. */
export function pidListeningOn(port) {
  try {
    const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
    const match = /pid=(\d+)/.exec(out);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** SIGTERM, then SIGKILL if it is still there after `graceMs`; resolves once the child has exited. */
export async function stopChild(child, graceMs) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await gone;
  clearTimeout(timer);
}

/** Every child process the launcher has spawned and that still runs. */
const children = new Set();

/** Remembers `child` until it exits, so an interrupted start can still stop it (`stopStragglers`). */
export function adopt(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/**
 * Stops children that nothing else stopped: one still starting when the start
 * was interrupted, say. They run in process groups of their own, so they would
 * otherwise outlive the launcher.
 */
export const stopStragglers = () => Promise.all([...children].map((child) => stopChild(child, 10_000)));
