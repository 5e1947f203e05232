import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { ApiError, getJson, simPath } from './api';
import { ArtifactDetail } from './artifact-detail';
import { Findings } from './findings';
import { KeyBox } from './key-box';
import { Legend } from './legend';
import { Patterns } from './patterns';
import { StatePanel } from './state-panel';
import { TimelineChart } from './timeline-chart';
import { readPageState, writePageState } from './url-state';
import { viewDomain } from './view-domain';
import type { PrincipalEntry, SimulationDetail, SimulationSummary, Timeline } from './wire';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The principal a simulation opens on: the first user holding artifacts, else the first one. */
function firstPrincipal(items: PrincipalEntry[]): string | undefined {
  return (items.find((p) => p.kind === 'user' && p.artifacts > 0) ?? items[0])?.name;
}

const named = (items: PrincipalEntry[], name: string) =>
  items.some(
    (p) =>
      p.name.toLowerCase() === name.toLowerCase() ||
      p.sid.toLowerCase() === name.toLowerCase() ||
      p.formerNames.some((f) => f.toLowerCase() === name.toLowerCase()),
  );

/**
 * The analyst's view: pick a simulation and a principal, see their timeline, move the cursor,
 * click a bar. The address bar keeps the simulation, principal and moment, so a link opens the
 * same view.
 */
export function App(): JSX.Element {
  const initial = useMemo(readPageState, []);
  const wantedAt = useRef(initial.at);
  const [keyVersion, setKeyVersion] = useState(0);
  const [needsKey, setNeedsKey] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [simulations, setSimulations] = useState<SimulationSummary[] | null>(null);
  const [simulation, setSimulation] = useState(initial.simulation);
  const [detail, setDetail] = useState<SimulationDetail | null>(null);
  const [principals, setPrincipals] = useState<{ of: string; items: PrincipalEntry[] } | null>(
    null,
  );
  const [principal, setPrincipal] = useState(initial.principal);
  const [timeline, setTimeline] = useState<Timeline | null>(null);
  const [loading, setLoading] = useState(false);
  const [cursor, setCursor] = useState<number | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [whole, setWhole] = useState(false);
  const domain = useMemo(() => (timeline ? viewDomain(timeline, whole) : null), [timeline, whole]);

  const failed = (e: unknown) => {
    if (e instanceof ApiError && e.status === 401) setNeedsKey(true);
    setError(message(e));
  };

  useEffect(() => {
    setError(null);
    getJson<{ simulations: SimulationSummary[] }>('/simulations').then((r) => {
      setNeedsKey(false);
      setSimulations(r.simulations);
      setSimulation((s) => (s && r.simulations.some((x) => x.id === s) ? s : r.simulations[0]?.id));
    }, failed);
  }, [keyVersion]);

  useEffect(() => {
    if (!simulation) return;
    let current = true;
    setDetail(null);
    setTimeline(null);
    setSelected(null);
    Promise.all([
      getJson<SimulationDetail>(simPath(simulation)),
      getJson<{ items: PrincipalEntry[] }>(simPath(simulation, '/principals')),
    ]).then(([d, p]) => {
      if (!current) return;
      setDetail(d);
      setPrincipals({ of: simulation, items: p.items });
      setPrincipal((name) => (name && named(p.items, name) ? name : firstPrincipal(p.items)));
    }, failed);
    return () => {
      current = false;
    };
  }, [simulation, keyVersion]);

  const ready = !!simulation && !!principal && principals?.of === simulation;
  useEffect(() => {
    if (!ready) return;
    let current = true;
    setLoading(true);
    setError(null);
    getJson<Timeline>(simPath(simulation, '/timeline'), { principal }).then(
      (tl) => {
        if (!current) return;
        setLoading(false);
        setTimeline(tl);
        setSelected(null);
        const wanted = wantedAt.current ? Date.parse(wantedAt.current) : NaN;
        wantedAt.current = undefined;
        setCursor((c) =>
          Number.isFinite(wanted) ? wanted : c !== null ? c : viewDomain(tl, false).from,
        );
      },
      (e: unknown) => {
        setLoading(false);
        failed(e);
      },
    );
    return () => {
      current = false;
    };
  }, [ready, simulation, principal, keyVersion]);

  useEffect(
    () =>
      writePageState({
        simulation,
        principal,
        at: cursor === null ? undefined : new Date(cursor).toISOString(),
      }),
    [simulation, principal, cursor],
  );

  const imported = detail?.runs.some((r) => r.kind === 'import') ?? false;
  const lane = timeline && selected !== null ? timeline.lanes[selected] : undefined;

  return (
    <div class="page">
      <Patterns />
      <header class="top">
        <h1>
          tokentrail <span class="muted">timeline</span>
        </h1>
        <label>
          Simulation{' '}
          <select
            data-testid="simulation-picker"
            value={simulation ?? ''}
            onChange={(e) => {
              setCursor(null);
              setSimulation(e.currentTarget.value);
            }}
          >
            {(simulations ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.id} ({s.events} events{s.status === 'incomplete' ? ', incomplete' : ''})
              </option>
            ))}
          </select>
        </label>
        <label>
          Principal{' '}
          <select
            data-testid="principal-picker"
            value={principal ?? ''}
            onChange={(e) => setPrincipal(e.currentTarget.value)}
          >
            {principals &&
              principals.of === simulation &&
              principals.items.map((p) => (
                <option key={p.sid} value={p.name}>
                  {p.name} ({p.kind}
                  {p.deleted ? ', deleted' : ''}, {p.artifacts} artifact intervals)
                </option>
              ))}
          </select>
        </label>
        <KeyBox needed={needsKey} onChange={() => setKeyVersion((v) => v + 1)} />
      </header>
      <Legend />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {simulations?.length === 0 && (
        <p>
          No simulation yet: run a scenario (<code>npx tokentrail run FILE</code> or{' '}
          <code>POST /simulations</code>) or import logs, then reload.
        </p>
      )}
      {loading && !timeline && <p class="muted">loading the timeline…</p>}
      {timeline && domain && cursor !== null && simulation && (
        <main class="layout">
          <div class="left">
            <TimelineChart
              timeline={timeline}
              domain={domain}
              cursor={cursor}
              onCursor={setCursor}
              selected={selected}
              onSelect={setSelected}
            />
            <p class="hint muted">
              <label>
                <input
                  type="checkbox"
                  checked={whole}
                  onChange={(e) => setWhole(e.currentTarget.checked)}
                />{' '}
                the whole log (else from the principal’s first activity)
              </label>
              <br />
              Drag the cursor, or focus it (Tab) and use ← → (Shift or Page Up/Down: to the previous
              or next change; Home/End). Click a bar (or Enter on it) for its lineage and
              remediation.
            </p>
            {lane && (
              <ArtifactDetail
                simulation={simulation}
                principal={timeline.principal.name}
                lane={lane}
                cursor={cursor}
              />
            )}
            {imported && (
              <Findings
                simulation={simulation}
                onOpen={(who, at) => {
                  if (who) setPrincipal(who);
                  setCursor(at);
                }}
              />
            )}
          </div>
          <aside class="right">
            <StatePanel
              timeline={timeline}
              cursor={cursor}
              selected={selected}
              onSelect={setSelected}
            />
          </aside>
        </main>
      )}
    </div>
  );
}
