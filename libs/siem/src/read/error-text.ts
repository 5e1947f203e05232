/**
 * An error as one line for a report: its message, and its code when the message does not say it.
 */
export function errorText(error: unknown): string {
  const e = error as { message?: unknown; code?: unknown } | null;
  const message = typeof e?.message === 'string' ? e.message : String(error);
  const code = typeof e?.code === 'string' ? e.code : '';
  return code && !message.includes(code) ? `${message} (${code})` : message;
}
