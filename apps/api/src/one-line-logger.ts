import { ConsoleLogger } from '@nestjs/common';

/**
 * Nest's console logger with every error reduced to its first line: a fault is one clear line in
 * the server's log, never a stack trace (TOKENTRAIL_DEBUG=1 keeps them, for a developer).
 */
export class OneLineLogger extends ConsoleLogger {
  override error(message: unknown, ...rest: unknown[]): void {
    if (process.env.TOKENTRAIL_DEBUG) return super.error(message, ...rest);
    const context = rest.length > 0 ? rest[rest.length - 1] : undefined;
    // Nest's start-up failures are thrown on to the caller (abortOnError: false), which says them.
    if (context === 'ExceptionHandler') return;
    const text = (message instanceof Error ? message.message : String(message)).split('\n')[0];
    if (typeof context === 'string') super.error(text, context);
    else super.error(text);
  }
}
