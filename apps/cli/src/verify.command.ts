import type { Command } from 'commander';
import { openStore } from './open-store';

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description(
      "walk every simulation's hash chain; print each head, or exit 1 naming the first altered or missing event",
    )
    .option('--json', 'print the report as JSON')
    .action(async (o: { json?: boolean }) => {
      const store = openStore();
      try {
        const report = await store.verify();
        if (o.json) {
          console.log(
            JSON.stringify(
              report,
              (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v),
              2,
            ),
          );
        } else if (report.ok) {
          for (const h of report.heads)
            console.log(`${h.stream}  head revision ${h.revision}  ${h.hash}`);
          console.log(
            `ok: ${report.checked} events verified${report.reason ? ` (${report.reason})` : ''}`,
          );
        } else {
          const at = report.firstBad;
          console.error(
            `tampered: ${at?.stream} revision ${at?.revision} (global position ${at?.position}): ${report.reason}; ${report.checked} events before it are intact`,
          );
        }
        if (!report.ok) process.exitCode = 1;
      } finally {
        await store.close();
      }
    });
}
