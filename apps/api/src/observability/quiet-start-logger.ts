import { Injectable } from '@nestjs/common';
import { Logger } from 'nestjs-pino';

/** Nest's start-up chatter: every module loaded and every route mapped. */
const START_UP = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
]);

/**
 * The JSON logger Nest uses, with its start-up chatter at `debug` (TOKENTRAIL_LOG_LEVEL=debug shows
 * it), and no line for a start-up failure: main.ts says that one in one line and exits.
 */
@Injectable()
export class QuietStartLogger extends Logger {
  override log(message: unknown, ...rest: unknown[]): void {
    const context = rest[rest.length - 1];
    if (typeof context === 'string' && START_UP.has(context)) return super.debug(message, ...rest);
    super.log(message, ...rest);
  }

  override error(message: unknown, ...rest: unknown[]): void {
    if (rest[rest.length - 1] === 'ExceptionHandler') return;
    super.error(message, ...rest);
  }
}
