import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

/** Thrown at boot when an environment variable is missing or malformed. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}\nSet or fix these variables and start again.`);
    this.name = 'ConfigError';
  }
}

type Constructor<T> = new () => T;

/**
 * Builds a typed configuration object from the environment. Property names of
 * the class are the variable names; class-validator decorators describe what a
 * valid value is and class-transformer (`@Type`) converts strings to numbers.
 * Anything invalid stops the process with a message naming the variable.
 */
export function loadConfig<T extends object>(schema: Constructor<T>, env: NodeJS.ProcessEnv = process.env): T {
  const config = plainToInstance(schema, { ...env }, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) throw new ConfigError(errors.flatMap(describe));
  return config;
}

function describe(error: ValidationError): string[] {
  const constraints = Object.values(error.constraints ?? {});
  const received = error.value === undefined ? 'it is not set' : `got ${withoutPasswords(JSON.stringify(error.value))}`;
  return constraints.length ? [`${error.property}: ${constraints.join('; ')} (${received})`] : [];
}

/** A URL's password (postgres://user:password@host) never reaches a message. */
const withoutPasswords = (text: string) => text.replace(/(\/\/[^:/@\s"]*:)[^@\s"]*@/g, '$1***@');
