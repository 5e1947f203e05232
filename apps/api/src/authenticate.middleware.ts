import type { NextFunction, Response } from 'express';
import type { ApiKeys } from './api-keys';
import type { AccessRequest } from './request-access';
import { sendError } from './send-error';

/**
 * Routes anyone may read: health and its probes, the API's description, the scenario schema, and
 * the page's static files (`/` leads there; the page holds no data and sends the user's key for
 * it).
 */
const PUBLIC =
  /^\/(health(\/live|\/ready)?|openapi\.json|docs(\/.*)?|schemas\/scenario\.json|ui(\/.*)?)?$/;

/**
 * Finds the request's key (`Authorization: Bearer <key>`) before its body is read; 401 without a
 * known one. What a key may do is the AccessGuard's decision. The key is never logged: only its
 * `id` is kept on the request.
 */
export function authenticate(keys: ApiKeys) {
  return (req: AccessRequest, res: Response, next: NextFunction): void => {
    if (!keys.configured) {
      req.access = { key: null };
      return next();
    }
    if ((req.method === 'GET' || req.method === 'HEAD') && PUBLIC.test(req.path)) return next();
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    const key = bearer ? keys.find(bearer[1]) : null;
    if (!key)
      return sendError(
        res,
        401,
        'Unauthorized',
        bearer ? 'the API key is not known' : 'an API key is required: Authorization: Bearer <key>',
        { 'www-authenticate': 'Bearer' },
      );
    req.access = { key };
    next();
  };
}
