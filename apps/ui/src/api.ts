/**
 * The page's only way to data: the public HTTP API of the server that serves it, with the user's
 * API key when one is set. The key stays in this tab's sessionStorage (gone when the tab closes).
 */
const KEY = 'tokentrail.apiKey';

export const apiKey = {
  get: (): string | null => sessionStorage.getItem(KEY),
  set: (key: string) => sessionStorage.setItem(KEY, key.trim()),
  clear: () => sessionStorage.removeItem(KEY),
};

/** An answer other than 2xx: its status and the server's message (which names the field). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

type Params = Record<string, string | number | boolean | undefined>;

function url(path: string, params: Params = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, String(v));
  const query = q.toString();
  return query ? `${path}?${query}` : path;
}

async function request(path: string, params?: Params): Promise<Response> {
  const key = apiKey.get();
  const res = await fetch(url(path, params), {
    headers: { accept: 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { message?: unknown } | null;
    const message = typeof body?.message === 'string' ? body.message : res.statusText;
    throw new ApiError(res.status, message);
  }
  return res;
}

export async function getJson<T>(path: string, params?: Params): Promise<T> {
  return (await request(path, params)).json() as Promise<T>;
}

/** An NDJSON answer (exports), one object per line. */
export async function getLines<T>(path: string, params?: Params): Promise<T[]> {
  const text = await (await request(path, params)).text();
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

export const simPath = (simulation: string, rest = '') =>
  `/simulations/${encodeURIComponent(simulation)}${rest}`;
