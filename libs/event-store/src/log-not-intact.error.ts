/** The log failed verification, so it is not signed or bundled: the first problem, in one line. */
export class LogNotIntact extends Error {
  override readonly name = 'LogNotIntact';
}
