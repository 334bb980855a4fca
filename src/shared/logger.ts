import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

export interface LoggerOptions {
  level: string;
  /** Human-readable lines (a terminal); JSON otherwise. */
  pretty: boolean;
}

/**
 * One pino logger for the process: JSON by default, readable when run in a terminal. It writes to stderr, so a
 * command's stdout carries only its output (pure JSON under `--json`, safe to pipe).
 */
export function createLogger(options: LoggerOptions): Logger {
  const base = { level: options.level, base: undefined };
  if (!options.pretty) return pino(base, pino.destination({ dest: 2, sync: true }));
  // A synchronous pretty stream keeps lines in order and needs no worker thread.
  return pino(
    base,
    pretty({ colorize: true, sync: true, destination: 2, translateTime: 'HH:MM:ss', ignore: 'pid,hostname' }),
  );
}

/** A logger that drops everything (tests, quiet commands). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
