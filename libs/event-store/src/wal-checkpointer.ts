import { Worker } from 'node:worker_threads';

/** How often the worker copies committed WAL frames back into the database file. */
const EVERY_MS = 50;

/**
 * The worker's whole program, as a string: a file of its own would be TypeScript under the test
 * runner, which a worker thread cannot load. It opens its own connection, and PASSIVE checkpoints
 * never take the write lock, so appends go on while it copies and flushes.
 */
const PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
const timer = setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), workerData.everyMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Checkpoints a store file's WAL from a worker thread. A checkpoint waits on the disk twice (the
 * WAL, then the database file, are flushed); run from the appending connection, as SQLite does by
 * default, that wait lands inside whichever append crosses the threshold. The appending
 * connection keeps its own automatic checkpoint as a backstop (the WAL can only restart once
 * fully copied, and if this worker dies), which then finds little left to copy.
 */
export class WalCheckpointer {
  private running: { worker: Worker; exited: Promise<void> } | null = null;

  constructor(private readonly file: string) {}

  /** Starts the worker if it is not running yet: a store that only reads never needs one. */
  start(): void {
    if (this.running) return;
    const worker = new Worker(PROGRAM, {
      eval: true,
      workerData: { file: this.file, driver: require.resolve('better-sqlite3'), everyMs: EVERY_MS },
    });
    // It must not keep a process alive that has forgotten to close its store.
    worker.unref();
    // A worker that fails (a full disk, a file gone) leaves checkpoints to the appending
    // connection's own backstop; the append that meets the same fault reports it, once.
    worker.once('error', () => undefined);
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    this.running = { worker, exited };
  }

  /** Closes the worker's connection first, so the store's own close is the last one. */
  async stop(): Promise<void> {
    if (!this.running) return;
    const { worker, exited } = this.running;
    // Waiting on an unreferenced worker would let the process end mid-close.
    worker.ref();
    worker.postMessage('stop');
    await exited;
  }
}
