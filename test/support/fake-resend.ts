/**
 * The fake Resend: a local HTTP server that speaks Resend's email API (see fake-resend/server.ts), with bearer auth,
 * Resend-style validation and errors, idempotency keys kept 24 h, a per-second rate limit and daily/monthly quotas,
 * scripted failures (5xx, dropped connections, hangs, 429s, requests held until the test releases them), and a
 * record of every request and accepted email so tests can count messages per recipient.
 */
export { startFakeResend } from './fake-resend/server.ts';
export { bareAddress } from './fake-resend/validate.ts';
export type {
  FailureStep,
  FakeResend,
  FakeResendOptions,
  FakeResendSettings,
  FakeResendStats,
  RecordedMessage,
  RecordedRequest,
} from './fake-resend/types.ts';
