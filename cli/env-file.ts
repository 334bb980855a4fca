import { loadEnvFile } from 'node:process';
import { ConfigError } from '../src/shared/errors.ts';

/**
 * Loads `.env` from the working directory into the environment, once, before the config is read. Variables already
 * set win (the shell, compose's `environment:`, CI), as with Node's `--env-file`. A missing file is fine: production
 * passes its settings through the environment (compose's `env_file: .env`), not a file in the image.
 */
export function loadDotEnv(path = '.env'): boolean {
  try {
    loadEnvFile(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new ConfigError(`cannot read ${path}: ${(error as Error).message}`);
  }
}
