import type { NextFunction, Request, Response } from 'express';
import { sendError } from './send-error';

/**
 * Answers only requests addressed to a known host name, so a page whose DNS name was rebound to
 * this machine cannot reach it from the analyst's browser.
 */
export function hostAllowList(allowed: readonly string[]) {
  const names = new Set(allowed);
  return (req: Request, res: Response, next: NextFunction): void => {
    const host = (req.headers.host ?? '').toLowerCase();
    const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.split(':')[0];
    if (names.has(name)) return next();
    sendError(
      res,
      403,
      'HostNotAllowed',
      `this server does not answer to the host "${host.slice(0, 100)}" (TOKENTRAIL_ALLOWED_HOSTS)`,
    );
  };
}
