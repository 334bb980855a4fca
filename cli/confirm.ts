import { createInterface } from 'node:readline/promises';
import { CliError, EXIT } from './cli-error.ts';

/**
 * Asks `question` on the terminal and resolves once the operator typed "yes" (anything else is a refusal). Without a
 * terminal there is nobody to ask: it refuses with a usage error that names `flag`, so a script must say so itself.
 */
export async function confirmOnTerminal(question: string, flag: string): Promise<void> {
  if (process.stdin.isTTY !== true || process.stderr.isTTY !== true) {
    throw new CliError(`refusing without a terminal to confirm on: add ${flag} to go ahead`, EXIT.usage);
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} Type "yes" to go ahead: `);
    if (answer.trim().toLowerCase() !== 'yes') throw new CliError('nothing done', EXIT.usage);
  } finally {
    rl.close();
  }
}
