export { createRuntime, type Runtime, type RuntimeOverrides } from './runtime.ts';
