import type { SourceLocation } from './source-location.ts';

/** What the preview's type-check process (type-check-worker.ts, development only) reports. */
export interface TypeProblem extends SourceLocation {
  message: string;
  frame: string;
}

export type TypeCheckMessage =
  { ready: true } | { unavailable: string } | { id: number; problems: TypeProblem[]; files: number; ms: number };
