import { readFileSync } from 'node:fs';
import { registerDecorator, ValidationArguments } from 'class-validator';

const PEM = {
  public: /-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g,
  private: /-----BEGIN (?:RSA )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA )?PRIVATE KEY-----/g,
};

/**
 * The PEM blocks of `kind` in the files at `paths` (a file may hold several).
 * A problem names the file, never what it holds.
 */
export function readPemFiles(paths: string[], kind: 'public' | 'private'): string[] {
  return paths.flatMap((path) => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new Error(`${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
    }
    const blocks = text.match(PEM[kind]) ?? [];
    if (blocks.length === 0) throw new Error(`${path} holds no PEM ${kind} key`);
    return blocks;
  });
}

/** Why a config object's key files were refused, per property, for the message. */
const problems = new WeakMap<object, Map<string, string>>();
const noteProblem = (object: object, property: string, problem: string) =>
  problems.set(object, (problems.get(object) ?? new Map<string, string>()).set(property, problem));

/**
 * The variable holds paths of files with PEM keys of `kind`; the files are read
 * when the configuration is checked, so a missing or wrong file stops the
 * service at start. The message names the variable and the file, not the key.
 */
export function IsPemFiles(kind: 'public' | 'private', options: { single?: boolean } = {}) {
  return (target: object, property: string) =>
    registerDecorator({
      name: 'isPemFiles',
      target: target.constructor,
      propertyName: property,
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const paths = typeof value === 'string' ? [value] : value;
          if (!Array.isArray(paths) || paths.length === 0 || (options.single && paths.length !== 1)) {
            noteProblem(args.object, property, options.single ? 'give the path of one file' : 'give one or more paths');
            return false;
          }
          try {
            readPemFiles(paths as string[], kind);
            return true;
          } catch (error) {
            noteProblem(args.object, property, (error as Error).message);
            return false;
          }
        },
        defaultMessage(args: ValidationArguments) {
          return `${property} must name file(s) holding a PEM ${kind} key: ${problems.get(args.object)?.get(property) ?? 'unreadable'}`;
        },
      },
    });
}
