import { Inject, Injectable } from '@nestjs/common';
import { decode, streamOf, type DataOf, type FindingClass } from '@tokentrail/domain';
import { EVENT_STORE, type EventStore } from '@tokentrail/event-store';
import { QueryService } from '@tokentrail/projections';
import { filter, map, type Observable } from 'rxjs';
import { toCef } from './cef';
import { toEcs } from './ecs';
import type { ExportFormat, ExportItem, Finding } from './export-item';
import { toOcsf } from './ocsf';
import { toSyslog, type SyslogOptions } from './syslog';

/**
 * One exported record as text: NDJSON for ECS and OCSF, a line for CEF and syslog; null when the
 * format has nothing for it.
 */
export function formatItem(
  item: ExportItem,
  format: ExportFormat,
  syslog: SyslogOptions = {},
): string | null {
  switch (format) {
    case 'ecs':
      return JSON.stringify(toEcs(item));
    case 'ocsf': {
      const o = toOcsf(item);
      return o ? JSON.stringify(o) : null;
    }
    case 'cef':
      return toCef(item);
    case 'syslog':
      return toSyslog(item, syslog);
  }
}

/**
 * Findings out: a simulation's log and what it finds (stale or lingering artifacts, token
 * divergences), as of T.
 */
@Injectable()
export class ExportService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly queries: QueryService,
  ) {}

  /**
   * The log as of T, then the findings at T. `lastPosition` receives the global position read up to
   * (for `follow`).
   */
  async *items(
    simulation: string,
    options: { at?: string; findingsOnly?: boolean; lastPosition?: (p: bigint) => void } = {},
  ): AsyncIterable<ExportItem> {
    const until = options.at ?? null;
    let last: string | null = null;
    for await (const event of this.store.readStream(streamOf(simulation))) {
      options.lastPosition?.(event.position);
      if (until !== null && event.metadata.occurredAt > until) continue;
      if (!last || event.metadata.occurredAt > last) last = event.metadata.occurredAt;
      if (!options.findingsOnly)
        yield { kind: 'event', simulation, seq: Number(event.revision) + 1, event };
    }
    if (!last) return;
    for (const finding of await this.findings(simulation, options.at ?? last))
      yield { kind: 'finding', finding };
  }

  /** Stale artifacts at T and the token divergences logged up to T. */
  async findings(simulation: string, at: string): Promise<Finding[]> {
    const out: Finding[] = [];
    const stale = await this.queries.answer(simulation, { kind: 'stale', args: {} }, { at });
    for (const i of stale.items ?? []) {
      const lingering = i.lingering as string[];
      const missing = i.missing as string[];
      out.push({
        id: `stale:${i.kind}:${i.id}:${i.since}`,
        type: 'stale-artifact',
        at,
        simulation,
        principal: String(i.principal),
        machine: String(i.machine),
        artifact: { kind: String(i.kind), id: String(i.id) },
        lingering,
        missing,
        summary: `${i.kind} ${i.id} of ${i.principal} ${lingering.length ? `still carries ${lingering.join(', ')}` : ''}${lingering.length && missing.length ? ' and ' : ''}${missing.length ? `lacks ${missing.join(', ')}` : ''} (since ${i.since})`,
        severity: lingering.length ? 7 : 3,
        explainedBy: null,
        records: [],
        lineage: [],
      });
    }
    const view = await this.queries.view(simulation, { at });
    for (const id of view.world.findings) {
      const e = await this.queries.event(simulation, id);
      if (e?.event.type === 'TokenDivergenceFound')
        out.push(divergenceFinding(simulation, id, e.occurredAt, e.event.data));
    }
    return out;
  }

  /**
   * Live out: every token divergence stored from now on (after `afterPosition`), as it is stored.
   */
  follow(simulation: string, afterPosition?: bigint): Observable<ExportItem> {
    const stream = streamOf(simulation);
    return this.store
      .subscribeToAll({
        fromPosition: afterPosition,
        filter: { streamPrefix: stream, eventTypes: ['TokenDivergenceFound'] },
      })
      .pipe(
        filter((i) => i.kind === 'event' && i.event.streamId === stream),
        map((i) => (i.kind === 'event' ? decode(i.event) : null)),
        filter((e) => e?.event.type === 'TokenDivergenceFound'),
        map((e): ExportItem => {
          const { eventId, occurredAt, event } = e as NonNullable<typeof e>;
          return {
            kind: 'finding',
            finding: divergenceFinding(
              simulation,
              eventId,
              occurredAt,
              event.data as DataOf<'TokenDivergenceFound'>,
            ),
          };
        }),
      );
  }
}

const SEVERITY: Record<FindingClass, number> = {
  'lingering-after-removal': 7,
  unexplained: 5,
  'missing-after-add': 3,
};

/** A logged token's finding (the evidence model's class), with its records and lineage. */
function divergenceFinding(
  simulation: string,
  eventId: string,
  at: string,
  d: DataOf<'TokenDivergenceFound'>,
): Finding {
  const groups = d.groups.map((x) => x.name ?? x.sid);
  const what = d.carried ? `still carried ${groups.join(', ')}` : `lacked ${groups.join(', ')}`;
  const why = d.explainedBy ? `: ${d.explainedBy.because}` : ': no rule produces this';
  return {
    id: `divergence:${eventId}`,
    type: d.finding,
    at,
    simulation,
    principal: d.user,
    machine: d.machine,
    artifact: { kind: 'logon', id: `${d.machine}/${d.logonId}` },
    lingering: d.carried ? groups : [],
    missing: d.carried ? [] : groups,
    summary: `${d.finding}: the token of logon ${d.logonId} of ${d.user} on ${d.machine} ${what}${why}`,
    severity: SEVERITY[d.finding],
    explainedBy: d.explainedBy
      ? { rule: d.explainedBy.rule, because: d.explainedBy.because }
      : null,
    records: d.evidence,
    lineage: d.lineage,
  };
}
