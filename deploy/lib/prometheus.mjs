// A Prometheus server (Debian's prometheus package) that scrapes every service
// instance the stack runs. Its configuration and storage live in one folder;
// the instances to scrape are a file_sd targets file the stack rewrites
// whenever it launches one, and Prometheus picks the change up by itself.
import { spawn } from 'node:child_process';
import { accessSync, closeSync, constants, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { log, waitFor } from './log.mjs';
import { root } from './paths.mjs';
import { adopt, httpStatus, stopChild } from './processes.mjs';

/** The Prometheus server the launcher runs: Debian's package, or PROMETHEUS_BIN. */
export const PROMETHEUS_BINARY = process.env.PROMETHEUS_BIN || '/usr/bin/prometheus';

const executable = (path) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** The configuration: one job over the targets file; the services' own `service` label is kept (honor_labels). */
const config = (targetsFile, scrapeInterval) => `# written by deploy/lib/prometheus.mjs at every start
global:
  scrape_interval: ${scrapeInterval}
  scrape_timeout: ${scrapeInterval}
scrape_configs:
  - job_name: serapan
    metrics_path: /metrics
    honor_labels: true
    file_sd_configs:
      - files: ['${targetsFile}']
        refresh_interval: 30s
`;

/**
 * Starts Prometheus on 127.0.0.1:`port` with its configuration and storage in
 * `dir` (storage wiped when `fresh`), scraping every `scrapeInterval`. Resolves
 * to undefined, after saying so, when the binary is not installed: the stack
 * runs without metrics then. Returns `{ url, setTargets, stop }`;
 * `setTargets([{ service, replica, port }])` replaces what it scrapes.
 */
export async function startPrometheus({ dir, port, scrapeInterval = '5s', fresh = false, logFile }) {
  if (!executable(PROMETHEUS_BINARY)) {
    log('prom', `${PROMETHEUS_BINARY} not found: install Debian's prometheus package to get metrics; going on without`);
    return undefined;
  }
  const url = `http://127.0.0.1:${port}`;
  if (await httpStatus(`${url}/-/ready`)) throw new Error(`port ${port} is already answering (a Prometheus of another run?); stop it or set PROMETHEUS_PORT`);
  const dataDir = join(dir, 'data');
  if (fresh) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const targetsFile = join(dir, 'targets.json');
  const setTargets = (targets) => {
    const groups = targets.map(({ service, replica, port: targetPort }) => ({
      targets: [`127.0.0.1:${targetPort}`],
      labels: { service, replica: String(replica) },
    }));
    // written whole, then renamed: Prometheus never reads half a file
    writeFileSync(`${targetsFile}.tmp`, `${JSON.stringify(groups, null, 2)}\n`);
    renameSync(`${targetsFile}.tmp`, targetsFile);
  };
  setTargets([]);
  const configFile = join(dir, 'prometheus.yml');
  writeFileSync(configFile, config(targetsFile, scrapeInterval));

  mkdirSync(dirname(logFile), { recursive: true });
  const out = openSync(logFile, 'a');
  const child = spawn(
    PROMETHEUS_BINARY,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${dataDir}`,
      '--storage.tsdb.retention.time=7d',
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    // its own process group, like the other children: Ctrl-C reaches the launcher, which stops it after the services
    { cwd: dir, stdio: ['ignore', out, out], detached: true },
  );
  closeSync(out);
  adopt(child);
  let exitCode = null;
  child.once('exit', (code, signal) => (exitCode = code ?? signal));
  await waitFor(
    'prometheus',
    async () => {
      if (exitCode !== null) throw Object.assign(new Error(`prometheus exited (${exitCode}); see ${relative(root, logFile)}`), { fatal: true });
      return (await httpStatus(`${url}/-/ready`)) === 200;
    },
    { timeoutMs: 60_000, intervalMs: 300 },
  );
  log('prom', `ready at ${url}, scraping every ${scrapeInterval}`);
  return { url, setTargets, stop: () => stopChild(child, 10_000) };
}
