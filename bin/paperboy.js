#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so `npx paperboy` works right after `npm install` with no build step.
// The project's tsconfig is named explicitly so templates compile the same from any working directory.
import { URL, fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('../cli/main.ts');
