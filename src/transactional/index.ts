// Transactional mail: the emails a subscriber gets because of something they did (confirm, preferences saved,
// goodbye, fresh link), as opposed to the digest.
export { TransactionalMailer, createTransactionalMailer } from './mailer.ts';
