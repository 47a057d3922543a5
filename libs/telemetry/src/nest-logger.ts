import type { LoggerService, OnApplicationShutdown } from '@nestjs/common';
import type { Level } from 'pino';
import { log } from './logger.js';
import { stopTelemetry } from './tracing.js';

/**
 * Nest's logger (its startup lines, and every `new Logger(context)`) written
 * through the process's pino logger: `context` becomes a field, an error's
 * stack another.
 */
export class PinoNestLogger implements LoggerService {
  log(message: unknown, ...rest: unknown[]): void {
    write('info', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    // Nest passes (message, stack?, context?)
    const context = rest.length > 0 ? rest.pop() : undefined;
    const stack = rest.find((item): item is string => typeof item === 'string');
    if (message instanceof Error) log.error({ context, err: message }, message.message);
    else log.error({ context, ...(stack ? { stack } : {}) }, text(message));
  }

  warn(message: unknown, ...rest: unknown[]): void {
    write('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    write('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    write('trace', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    write('fatal', message, rest);
  }
}

function write(level: Level, message: unknown, rest: unknown[]): void {
  if (!log.isLevelEnabled(level)) return;
  const context = rest.length > 0 ? rest[rest.length - 1] : undefined;
  log[level]({ context }, text(message));
}

function text(message: unknown): string {
  if (typeof message === 'string') return message;
  if (message instanceof Error) return message.message;
  return JSON.stringify(message);
}

/** Exports the spans still waiting when the application shuts down. */
export class TelemetryShutdown implements OnApplicationShutdown {
  onApplicationShutdown(): Promise<void> {
    return stopTelemetry();
  }
}
