export { loadConfig, type Config } from './load-config.ts';
export { envSchema, type Env } from './schema.ts';
