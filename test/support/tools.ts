import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { testEnv } from './env.js';

const run = promisify(execFile);

/**
 * Runs one of the operator's tools (`deploy/<tool>.mjs`) against the test stack, logged in to Kafka as its admin
 * (as an operator gives KAFKA_SASL_* with KAFKA_BROKERS), and returns what it printed.
 */
export async function runTool(tool: 'dlq' | 'rebuild', args: string[], env: Record<string, string> = {}): Promise<string> {
  const { username, password } = testEnv.kafkaSasl as { username: string; password: string };
  const kafka = { KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password };
  const { stdout } = await run(process.execPath, [`deploy/${tool}.mjs`, ...args], { env: { ...process.env, ...kafka, ...env }, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}
