export { loadConfig, DEFAULT_RETENTION, type Config, type Retention } from './load-config.ts';
export { envSchema, type Env } from './schema.ts';
