import { useEffect, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { getJson, simPath } from './api';
import { kindName } from './kinds';
import { holds } from './state-at';
import { clock, stamp } from './time-scale';
import type {
  ArtifactLane,
  ExplainAnswer,
  LineageItem,
  RemediateAnswer,
  RemediationAction,
} from './wire';

type Loaded<T> =
  { state: 'loading' } | { state: 'done'; value: T } | { state: 'error'; message: string };

/** A request's answer as it arrives; a newer request wins over an older one still on its way. */
function useAnswer<T>(load: (() => Promise<T>) | null, key: string): Loaded<T> | null {
  const [answer, setAnswer] = useState<Loaded<T> | null>(null);
  useEffect(() => {
    if (!load) return setAnswer(null);
    let current = true;
    setAnswer({ state: 'loading' });
    load().then(
      (value) => current && setAnswer({ state: 'done', value }),
      (error: unknown) =>
        current &&
        setAnswer({
          state: 'error',
          message: error instanceof Error ? error.message : String(error),
        }),
    );
    return () => {
      current = false;
    };
    // `key` says when `load` asks something else.
  }, [key]);
  return answer;
}

/** The path a remediation is planned for: a logon session, or a server, service and auth. */
interface Path {
  session: string;
  server: string;
  service: string;
  auth: string;
}

/** What the artifact suggests: its server and how it is reached, else its logon session. */
function defaultPath(lane: ArtifactLane): Path {
  const a = lane.address;
  const network: Record<string, [string, string]> = {
    'smb-session': ['smb', 'kerberos'],
    'basic-cache': ['http', 'basic'],
    'delegation-cache': ['http', 'kerberos'],
  };
  const [service, auth] = network[lane.kind] ?? ['smb', 'kerberos'];
  return {
    session: network[lane.kind] ? '' : (a.session ?? ''),
    server: network[lane.kind] ? (a.server ?? '') : '',
    service,
    auth,
  };
}

const SERVICES = ['smb', 'http', 'ldap', 'smtp', 'pop3', 'rpc', 'sql', 'file'];
const AUTHS = ['kerberos', 'ntlm', 'schannel', 'basic'];

function lineageText(item: LineageItem): string {
  if (item.copied) return `copied ${item.copied.join(', ') || '(no groups)'}`;
  if (item.group && item.member) return `${item.member} → ${item.group}`;
  return '';
}

function actionText(a: RemediationAction): string {
  const s = (k: string) => String(a[k] ?? '');
  switch (a.action) {
    case 'purge':
      return `Purge the tickets of session ${s('session')} (${a.elevated ? 'elevated' : 'limited'} half)`;
    case 'wait':
      return `Wait until ${stamp(Date.parse(s('until')))}`;
    case 'logoff':
      return `Log off session ${s('session')}`;
    case 'logon':
      return `Log ${s('user')} on at ${s('machine')} (session ${s('session')})`;
    case 'restart':
      return `Restart ${s('machine')}`;
    default:
      return a.action;
  }
}

export interface ArtifactDetailProps {
  simulation: string;
  principal: string;
  lane: ArtifactLane;
  cursor: number;
}

/**
 * One artifact, clicked: where its groups came from (`/explain` with the arguments that name it,
 * or the lineage of its source event for kinds explain has no words for) and the remediation
 * plan for its path at the cursor (or, when the cursor is outside the bar, where it first went
 * stale).
 */
export function ArtifactDetail(props: ArtifactDetailProps): JSX.Element {
  const { simulation, principal, lane, cursor } = props;
  const laneKey = `${simulation}|${lane.kind}|${lane.id}|${lane.fromPosition}`;
  const lineage = useAnswer<ExplainAnswer>(
    () =>
      lane.explain
        ? getJson<ExplainAnswer>(simPath(simulation, '/explain'), {
            ...lane.explain,
            // At its birth the artifact is alive whatever came later: the lineage of this bar.
            position: lane.fromPosition,
          })
        : getJson<ExplainAnswer>(
            simPath(simulation, `/lineage/${encodeURIComponent(lane.sourceEvent)}`),
          ),
    laneKey,
  );

  const planAt = holds(lane, cursor) ? cursor : Date.parse(lane.stale[0]?.from ?? lane.from);
  // The path the user chose for this artifact, else the one it suggests.
  const [chosen, setChosen] = useState<{ key: string; path: Path } | null>(null);
  const path = chosen?.key === laneKey ? chosen.path : defaultPath(lane);
  const complete = path.session !== '' || path.server !== '';
  const [settledAt, setSettledAt] = useState(planAt);
  // Dragging the cursor asks once it rests, not at every pixel.
  useEffect(() => {
    const timer = setTimeout(() => setSettledAt(planAt), 250);
    return () => clearTimeout(timer);
  }, [planAt]);
  const plan = useAnswer<RemediateAnswer>(
    complete
      ? () =>
          getJson<RemediateAnswer>(simPath(simulation, '/remediate'), {
            principal,
            at: new Date(settledAt).toISOString(),
            ...(path.session
              ? { session: path.session }
              : { server: path.server, service: path.service, auth: path.auth }),
          })
      : null,
    `${laneKey}|${settledAt}|${JSON.stringify(path)}|${principal}`,
  );

  return (
    <section class="panel detail" data-testid="artifact-detail" aria-live="polite">
      <h2>
        {kindName(lane.kind)} {lane.id}
      </h2>
      <p class="facts">
        {lane.machine && <>on {lane.machine} · </>}from {stamp(Date.parse(lane.from))}
        {lane.to
          ? ` to ${stamp(Date.parse(lane.to))} (${lane.end === 'event' ? `ended by ${lane.endedBy?.type ?? 'an event'}` : 'expired'})`
          : ` · still live at the end of the log${lane.expiresAt ? ` (expires ${stamp(Date.parse(lane.expiresAt))})` : ''}`}
        <br />
        groups: {lane.groups.join(', ') || '(no groups)'}
      </p>

      <h3>Lineage {lane.explain ? '(explain)' : '(from its source event)'}</h3>
      {lineage?.state === 'loading' && <p class="muted">loading…</p>}
      {lineage?.state === 'error' && <p class="error">{lineage.message}</p>}
      {lineage?.state === 'done' &&
        (lineage.value.none ? (
          <p class="muted">explain finds no such artifact alive then</p>
        ) : (
          <ol class="lineage" data-testid="lineage">
            {(lineage.value.items ?? []).map((item) => (
              <li key={item.eventId} data-type={item.type}>
                <span class="time">{clock(Date.parse(item.at), true)}</span>{' '}
                <strong>{item.type}</strong> <span class="muted">#{item.position}</span>{' '}
                {lineageText(item)}
              </li>
            ))}
          </ol>
        ))}

      <h3>Remediation at {stamp(settledAt)}</h3>
      <form
        key={laneKey}
        class="path"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          const v = (k: string) => String(f.get(k) ?? '').trim();
          setChosen({
            key: laneKey,
            path: {
              session: v('session'),
              server: v('server'),
              service: v('service'),
              auth: v('auth'),
            },
          });
        }}
      >
        <label>
          session <input name="session" defaultValue={path.session} size={8} />
        </label>{' '}
        or server <input name="server" aria-label="server" defaultValue={path.server} size={8} />{' '}
        <select name="service" aria-label="service" defaultValue={path.service}>
          {SERVICES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>{' '}
        <select name="auth" aria-label="auth" defaultValue={path.auth}>
          {AUTHS.map((a) => (
            <option key={a}>{a}</option>
          ))}
        </select>{' '}
        <button type="submit">plan</button>
      </form>
      {!complete && <p class="muted">name a logon session or a server to plan a remediation</p>}
      {plan?.state === 'loading' && <p class="muted">planning…</p>}
      {plan?.state === 'error' && <p class="error">{plan.message}</p>}
      {plan?.state === 'done' && (
        <div data-testid="remediation">
          {(plan.value.items ?? []).length === 0 ? (
            <p>Nothing to do: the next access already sees directory truth.</p>
          ) : (
            <ol class="steps">
              {(plan.value.items ?? []).map((a, k) => (
                <li key={k}>
                  {actionText(a)} <span class="muted">— {a.why}</span>
                </li>
              ))}
            </ol>
          )}
          <p>
            {plan.value.denied
              ? `Proven on a copy: the next access is denied (${plan.value.reason ?? ''}).`
              : `Proven on a copy: the next access then carries ${(plan.value.groups ?? []).join(', ') || '(no groups)'}${plan.value.source ? ` (from the ${plan.value.source})` : ''}.`}
          </p>
        </div>
      )}
    </section>
  );
}
