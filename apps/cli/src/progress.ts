import { Presets, SingleBar } from 'cli-progress';

export interface Progress<P> {
  update(value: number, payload: P): void;
  stop(): void;
}

/**
 * Progress of long work on standard error: a bar (`format`, cli-progress's) on a terminal;
 * otherwise `line` at most once a second and the last one, so a pipeline's log says how it went.
 */
export function progress<P extends object>(o: {
  total: number;
  payload: P;
  format: string;
  line: (value: number, payload: P) => string;
}): Progress<P> {
  if (!process.stderr.isTTY) {
    let shown = 0;
    let last: { value: number; payload: P } | null = null;
    const print = () => last && process.stderr.write(`${o.line(last.value, last.payload)}\n`);
    return {
      update(value, payload) {
        last = { value, payload };
        if (Date.now() - shown < 1000) return;
        shown = Date.now();
        print();
        last = null;
      },
      stop: print,
    };
  }
  const bar = new SingleBar(
    { stream: process.stderr, hideCursor: true, format: o.format },
    Presets.shades_classic,
  );
  bar.start(Math.max(o.total, 1), 0, o.payload);
  return {
    update: (value, payload) => bar.update(Math.min(value, o.total), payload),
    stop: () => bar.stop(),
  };
}
