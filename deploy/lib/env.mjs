// Settings of the launcher read from the environment.

/**
 * The whole number in variable `name`, or `fallback` when it is unset; any
 * other value stops the run with a message naming the variable.
 */
export function envInteger(name, fallback, { min = 1, max = Number.MAX_SAFE_INTEGER } = {}) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max} (it is "${raw}"); fix or unset it and start again`);
  }
  return value;
}

/** A TCP port from variable `name`, or `fallback`. */
export const envPort = (name, fallback) => envInteger(name, fallback, { max: 65535 });
