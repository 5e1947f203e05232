import type { Response } from 'express';

/** An error answer from middleware, in the body shape the exception filter gives. */
export function sendError(
  res: Response,
  status: number,
  error: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  res.set(headers).status(status).json({ statusCode: status, error, message });
}
