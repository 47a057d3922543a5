// Progress lines for the launcher: "[ 12.3s] kafka    started on 127.0.0.1:9092".
const started = Date.now();

export function log(component, message) {
  const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(5);
  process.stdout.write(`[${seconds}s] ${component.padEnd(8)} ${message}\n`);
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `check` until it returns a truthy value or `timeoutMs` passes. An
 * error is retried like a falsy answer, unless it is marked `fatal`.
 */
export async function waitFor(what, check, { timeoutMs = 60_000, intervalMs = 250, onWait } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  let lastNotice = Date.now();
  while (Date.now() < deadline) {
    try {
      const result = await check();
      if (result) return result;
    } catch (error) {
      if (error.fatal) throw error;
      lastError = error;
    }
    if (onWait && Date.now() - lastNotice > 5000) {
      lastNotice = Date.now();
      onWait();
    }
    await sleep(intervalMs);
  }
  throw new Error(`gave up waiting for ${what} after ${timeoutMs / 1000} s${lastError ? ` (last error: ${lastError.message})` : ''}`);
}
