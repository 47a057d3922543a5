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

/** Variables whose value is a secret whatever it looks like: never echoed, even when malformed. */
const SECRET_NAME = /KEY|SECRET|PASSWORD|PASSWD|TOKEN|CREDENTIAL|PRIVATE/i;

function describe(error: ValidationError): string[] {
  const value: unknown = error.value;
  const secret = SECRET_NAME.test(error.property);
  const shown = secret || value === undefined ? undefined : withoutPassword(JSON.stringify(value));
  // a constraint message may quote the value ($value); a secret's is cut out of it
  const hide = (message: string) =>
    typeof value === 'string' && value !== '' && (secret || shown !== JSON.stringify(value)) ? message.split(value).join('…') : message;
  const constraints = Object.values(error.constraints ?? {}).map(hide);
  const received =
    value === undefined
      ? 'it is not set'
      : secret
        ? `got a value of ${typeof value === 'string' ? value.length : JSON.stringify(value).length} characters, not shown`
        : `got ${shown}`;
  return constraints.length ? [`${error.property}: ${constraints.join('; ')} (${received})`] : [];
}

/** A URL's password (`scheme://user:password@host`) as `***`, wherever it stands in `text`. */
function withoutPassword(text: string): string {
  return text.replace(/(\/\/[^/:@\s"]*):[^@\s"]*@/g, '$1:***@');
}
