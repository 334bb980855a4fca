/**
 * Ends the process quietly when the reader of stdout goes away (`paperboy subscribers export | head`): an EPIPE on
 * stdout means nobody wants the rest, not a crash worth a stack trace. Other stdout errors are rethrown.
 */
export function endQuietlyOnClosedPipe(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}
