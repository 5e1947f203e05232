import { useEffect, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { getLines, simPath } from './api';
import { stamp } from './time-scale';
import type { EcsFinding } from './wire';

export interface FindingsProps {
  simulation: string;
  /** Move the page to a finding's principal and moment. */
  onOpen: (principal: string | undefined, at: number) => void;
}

/**
 * An imported simulation's findings (token divergences between what the logs show and what the
 * simulation computes), from the export route as ECS documents.
 */
export function Findings({ simulation, onOpen }: FindingsProps): JSX.Element {
  const [findings, setFindings] = useState<EcsFinding[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    setFindings(null);
    setError(null);
    getLines<EcsFinding>(simPath(simulation, '/export'), {
      format: 'ecs',
      findingsOnly: true,
    }).then(
      (docs) => current && setFindings(docs.filter((d) => d.event?.kind === 'alert')),
      (e: unknown) => current && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      current = false;
    };
  }, [simulation]);
  return (
    <section class="panel findings" data-testid="findings">
      <h2>Findings of the imported logs</h2>
      {error && <p class="error">{error}</p>}
      {!error && findings === null && <p class="muted">loading…</p>}
      {findings?.length === 0 && <p>No finding: every observed token matches the simulation.</p>}
      {findings && findings.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>time</th>
              <th>finding</th>
              <th>principal</th>
              <th>machine</th>
              <th>difference</th>
            </tr>
          </thead>
          <tbody>
            {findings.map((f, k) => (
              <tr key={k}>
                <td>
                  <button
                    type="button"
                    class="linklike"
                    onClick={() => onOpen(f.user?.name, Date.parse(f['@timestamp']))}
                  >
                    {stamp(Date.parse(f['@timestamp']))}
                  </button>
                </td>
                <td>
                  {f.event?.action ?? ''}
                  <div class="muted">{f.message ?? ''}</div>
                </td>
                <td>{f.user?.name ?? ''}</td>
                <td>{f.host?.name ?? ''}</td>
                <td>
                  {f.tokentrail?.lingering?.length ? (
                    <span class="badge badge-lingering">
                      lingering: {f.tokentrail.lingering.join(', ')}
                    </span>
                  ) : null}{' '}
                  {f.tokentrail?.missing?.length ? (
                    <span class="badge badge-missing">
                      missing: {f.tokentrail.missing.join(', ')}
                    </span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
