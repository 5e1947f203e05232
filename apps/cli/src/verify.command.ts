import type { Command } from 'commander';
import { openStore } from './open-store';

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('walk the hash chain of the event log; exit 1 and name the first altered position')
    .action(async () => {
      const store = openStore();
      try {
        const report = await store.verify();
        if (report.ok) {
          console.log(
            `ok: ${report.checked} events verified${report.reason ? ` (${report.reason})` : ''}`,
          );
        } else {
          console.error(
            `tampered: position ${report.firstBadPosition} (${report.reason}); ${report.checked} events before it are intact`,
          );
          process.exitCode = 1;
        }
      } finally {
        await store.close();
      }
    });
}
