/** What the address bar keeps, so a page can be opened on a simulation, principal and moment. */
export interface PageState {
  simulation?: string;
  principal?: string;
  at?: string;
}

export function readPageState(): PageState {
  const q = new URLSearchParams(location.search);
  const get = (k: string) => q.get(k) ?? undefined;
  return { simulation: get('simulation'), principal: get('principal'), at: get('at') };
}

export function writePageState(state: PageState): void {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(state)) if (v) q.set(k, v);
  const next = `${location.pathname}?${q.toString()}`;
  if (next !== `${location.pathname}${location.search}`) history.replaceState(null, '', next);
}
