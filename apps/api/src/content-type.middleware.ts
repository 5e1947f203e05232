import type { NextFunction, Request, Response } from 'express';
import { sendError } from './send-error';

const JSON_TYPE = 'application/json';
const YAML_TYPES = ['text/yaml', 'application/yaml'];
const NDJSON = 'application/x-ndjson';

/** What a body may be, by route: imports are NDJSON, the rest JSON (scenarios also YAML). */
function accepted(path: string): string[] {
  if (/^\/simulations\/[^/]+\/imports$/.test(path)) return [NDJSON];
  if (path === '/simulations') return [JSON_TYPE, ...YAML_TYPES];
  return [JSON_TYPE];
}

/**
 * 415 for a body of any other media type, before it is read. Browsers send `text/plain`, forms
 * and multipart across sites without asking; refusing them ends cross-site simple requests.
 */
export function contentTypeAllowList() {
  return (req: Request, res: Response, next: NextFunction): void => {
    const hasBody =
      req.headers['transfer-encoding'] !== undefined ||
      Number(req.headers['content-length'] ?? 0) > 0;
    if (!hasBody) return next();
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const allowed = accepted(req.path);
    if (allowed.includes(type)) return next();
    sendError(
      res,
      415,
      'UnsupportedMediaType',
      `a body here is ${allowed.join(' or ')}, not ${type || 'untyped'}`,
    );
  };
}
