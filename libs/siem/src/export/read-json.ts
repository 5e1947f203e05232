/** A server's JSON answer, or undefined when it is not JSON (a proxy's HTML error page, say). */
export function readJson<T>(body: string): Partial<T> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return value && typeof value === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
}
