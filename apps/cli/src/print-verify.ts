import type { LogReport, StreamVerdict } from '@tokentrail/event-store/log-report';

const bigints = (_k: string, v: unknown) => (typeof v === 'bigint' ? v.toString() : v);

/** A simulation's stream by its id; others by their stream name. */
function line(v: StreamVerdict): string | null {
  const sim = v.stream.startsWith('sim-') ? v.stream.slice(4) : null;
  if (v.deleted) {
    const d = v.deleted;
    const head = sim
      ? `${d.lastRevision + 1}:${d.headHash}`
      : `revision ${d.lastRevision} ${d.headHash}`;
    return `${sim ? `simulation ${sim}` : v.stream}  deleted at ${d.deletedAt}: ${d.events} events, last head ${head} (recorded in $deletions)`;
  }
  if (!v.head) return null;
  if (!sim) return `${v.stream}  head revision ${v.head.revision}  ${v.head.hash}`;
  const sealed = v.sealed
    ? `; signed through position ${v.sealed.revision + 1} at ${v.sealed.sealedAt}`
    : '';
  return `simulation ${sim}  head ${v.head.revision + 1}:${v.head.hash}  (${v.verified} events${sealed})`;
}

function sealLine(report: LogReport, whereSigned: string): string {
  const last = report.seals.last;
  if (!last)
    return `no signed heads${report.seals.count ? ' that hold' : ''}: deleted last events and a recomputed chain cannot be detected (${whereSigned})`;
  const trust =
    last.trusted === null
      ? 'not pinned: pass --public-key or --fingerprint to check it is yours'
      : 'trusted';
  return `signed heads: ${report.seals.count}, the last of ${last.sealedAt} by ${last.fingerprint} (${trust})`;
}

/**
 * The report as a person reads it: each head on standard output (a simulation's as POS:HASH, the
 * form `--expect-head` takes), each problem on standard error; exit status 1 when any.
 */
export function printVerify(report: LogReport, o: { json?: boolean; whereSigned: string }): void {
  if (o.json) console.log(JSON.stringify(report, bigints, 2));
  else {
    for (const v of report.streams) {
      const text = line(v);
      if (text !== null && !v.problem) console.log(text);
    }
    console.log(sealLine(report, o.whereSigned));
    for (const p of report.problems) console.error(`tampered: ${p}`);
    if (report.ok) console.log(`ok: ${report.checked} events verified`);
    else console.error(`${report.checked} events verified before the problems above`);
  }
  if (!report.ok) process.exitCode = 1;
}
