import { InvalidArgument } from '@tokentrail/domain';

/** A server that could not be reached (refused, timed out), in one line. */
export class ServerUnreachable extends Error {
  override readonly name = 'ServerUnreachable';
}

/** The server's refusal (4xx, 5xx) in one line: status, error, field, message. */
export class ServerRefused extends Error {
  override readonly name = 'ServerRefused';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 120_000;

/**
 * The CLI talking to a tokentrail server (`--api-url URL` or TOKENTRAIL_API_URL) with the key in
 * TOKENTRAIL_API_KEY: never a flag, so it stays out of shell history and the process list.
 */
export class ApiClient {
  private readonly base: URL;

  constructor(
    server: string,
    private readonly key: string | undefined = process.env.TOKENTRAIL_API_KEY,
  ) {
    let url: URL;
    try {
      url = new URL(server);
    } catch {
      throw new InvalidArgument('api-url', `"${server}" is not a URL (http://host:port)`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new InvalidArgument('api-url', `"${server}" is not an http:// or https:// URL`);
    this.base = url;
  }

  /** A request; the answer's body as text, or a one-line error. */
  async send(
    method: string,
    path: string,
    body?: { text: string; type: string },
  ): Promise<Response> {
    const url = new URL(path, this.base);
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: {
          ...(this.key ? { authorization: `Bearer ${this.key}` } : {}),
          ...(body ? { 'content-type': body.type } : {}),
        },
        body: body?.text,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      const reason = (error as { cause?: { code?: string; message?: string } }).cause;
      const cause = reason?.code ?? reason?.message;
      const why =
        (error as Error).name === 'TimeoutError'
          ? 'no answer in time'
          : (cause ?? (error as Error).message);
      throw new ServerUnreachable(`cannot reach ${this.base.origin}: ${why}`);
    }
    if (res.ok) return res;
    const text = await res.text();
    let detail = text.slice(0, 200);
    try {
      const json = JSON.parse(text) as { error?: string; message?: string; field?: string };
      detail = `${json.error ?? ''}${json.field ? ` (${json.field})` : ''}: ${json.message ?? ''}`;
    } catch {
      // Not JSON: the start of the text is the best account there is.
    }
    throw new ServerRefused(res.status, `${this.base.origin} answered ${res.status} ${detail}`);
  }

  async json<T>(method: string, path: string, body?: { text: string; type: string }): Promise<T> {
    return (await (await this.send(method, path, body)).json()) as T;
  }
}

/** The server the command talks to, if any: `--api-url` first, then TOKENTRAIL_API_URL. */
export function serverOf(o: { apiUrl?: string }): ApiClient | null {
  const server = o.apiUrl ?? process.env.TOKENTRAIL_API_URL;
  return server ? new ApiClient(server) : null;
}

export const SERVER_OPTION = [
  '--api-url <url>',
  'talk to a tokentrail server (default: TOKENTRAIL_API_URL) instead of opening the store; the key is read from TOKENTRAIL_API_KEY',
] as const;
