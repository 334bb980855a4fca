import type { EmailLink } from '../types.ts';

/** What every footer says: why the reader gets this, what they can do about it, and who sends it. */
export interface FooterContent {
  why: string;
  links: EmailLink[];
  postalAddress: string;
}
