import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs one of the operator's tools (`deploy/<tool>.mjs`) against the test stack and returns what it printed. */
export async function runTool(tool: 'dlq' | 'rebuild', args: string[], env: Record<string, string> = {}): Promise<string> {
  const { stdout } = await run(process.execPath, [`deploy/${tool}.mjs`, ...args], { env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}
