// Runs the compiled services as child processes and waits for their /health.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { log, waitFor } from './log.mjs';
import { dataDir, root } from './paths.mjs';
import { adopt, httpStatus, stopChild } from './processes.mjs';
import { envInteger } from './env.mjs';

/**
 * V8 sizes its heap for the machine (gigabytes here) and collects lazily, so
 * a busy service would hold far more memory than it uses. A service's live
 * heap is tens of MB; these bounds keep its resident memory near 200 MB.
 * SERVICE_MAX_OLD_SPACE_MB and SERVICE_SEMI_SPACE_MB override the bounds.
 */
const heapFlags = () => [
  `--max-old-space-size=${envInteger('SERVICE_MAX_OLD_SPACE_MB', 192, { min: 64 })}`,
  `--max-semi-space-size=${envInteger('SERVICE_SEMI_SPACE_MB', 8)}`,
];

/** Where a service instance's output goes: `<logDir>/<name>.log`, `<name>-<index>.log` for a replica. */
export const serviceLogFile = (logDir, name, index = 0) => join(logDir, index ? `${name}-${index}.log` : `${name}.log`);

/** Calls `handle` for every complete, non-blank line of a stream's chunks (a line may span chunks). */
function eachLine(handle) {
  let rest = '';
  return (chunk) => {
    const lines = (rest + chunk.toString()).split('\n');
    rest = lines.pop();
    for (const line of lines) if (line.trim()) handle(line);
  };
}

const QUIET_LEVELS = new Set(['warn', 'error', 'fatal']);

/**
 * A service's JSON log line as the console shows it: level, context and
 * message, plus an error's stack (the log file keeps the JSON). Quiet, only
 * warnings and errors. Other lines are shown as they are unless quiet.
 */
function readable(line, quiet, show) {
  // cheap test first: a busy service writes hundreds of info lines a second
  if (quiet && !/^\{"level":"(warn|error|fatal)"/.test(line)) return;
  let entry;
  try {
    entry = JSON.parse(line);
  } catch {
    if (!quiet) show(line);
    return;
  }
  if (quiet && !QUIET_LEVELS.has(entry.level)) return;
  const context = entry.context ?? entry.logger;
  show(`${entry.level === 'info' ? '' : `${entry.level.toUpperCase()} `}${context ? `[${context}] ` : ''}${entry.message ?? ''}`);
  const stack = entry.err?.stack ?? entry.stack;
  if (stack) stack.split('\n').forEach(show);
}

/**
 * Starts `dist/apps/<name>/src/main.js` with `env`; resolves once /health answers.
 * `onSpawn` gets a function that stops the process as soon as it exists.
 * Everything it prints is appended to its log file (JSON lines); the console
 * gets its warnings and errors (and, unless `quiet`, the rest too), readable.
 */
export async function startService(name, { port, env, quiet = false, index = 0, logDir = join(dataDir, 'logs'), onSpawn = () => undefined }) {
  const entry = join(root, 'dist', 'apps', name, 'src', 'main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build" first`);
  if (await httpStatus(`http://127.0.0.1:${port}/health`)) {
    throw new Error(`port ${port} is already answering (a ${name} service left from an earlier run?); stop it or set ${name.toUpperCase()}_PORT`);
  }
  const child = spawn(process.execPath, ['--enable-source-maps', ...heapFlags(), entry], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'], // the IPC channel lets a service notice when the launcher dies
    // its own process group: Ctrl-C reaches the launcher only, which stops the services first, then Kafka and PostgreSQL
    detached: true,
  });
  adopt(child);
  // whoever started it can stop it from now on, also while it is still starting
  onSpawn(() => stopChild(child, 10_000));
  const logFile = serviceLogFile(logDir, name, index);
  mkdirSync(join(logFile, '..'), { recursive: true });
  const file = createWriteStream(logFile, { flags: 'a' });
  const label = index ? `${name}-${index}` : name;
  const show = (line) => log(label, stripVTControlCharacters(line));
  child.stdout.pipe(file, { end: false });
  child.stderr.pipe(file, { end: false });
  child.once('close', () => file.end());
  // stderr (a crash, a runtime warning) always reaches the console; of the JSON log lines, quiet keeps warnings and errors
  child.stderr.on('data', eachLine(show));
  child.stdout.on(
    'data',
    eachLine((line) => readable(line, quiet, show)),
  );
  let exitCode = null;
  child.once('exit', (code, signal) => {
    exitCode = code ?? signal;
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    `${name} service`,
    async () => {
      if (exitCode !== null)
        throw Object.assign(new Error(`${label} exited (${exitCode}); its error is above and in ${relative(root, logFile)}`), { fatal: true });
      const response = await fetch(`${url}/health`);
      return response.ok;
    },
    { timeoutMs: 90_000, intervalMs: 300 },
  );
  log(name, `healthy at ${url}`);
  return {
    name,
    index,
    label,
    url,
    logFile,
    pid: child.pid,
    process: child,
    stop: async () => {
      if (exitCode !== null) return;
      await stopChild(child, 10_000);
    },
  };
}
