/** Exit codes scripts can rely on (see README, "CLI"). */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  config: 3,
  unavailable: 4,
  partial: 5,
} as const;

/** An error the CLI prints as one plain line (no stack) before exiting with `exitCode`. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number = EXIT.failure) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}
