/**
 * `npm run bench:store` (after `npm run build`): the store workload beside Emmett, printed as one
 * JSON object. BENCH_STREAMS, BENCH_PER_APPEND and BENCH_SINGLES change its size.
 */
import { storeWorkload } from './store-workload';

const size = (name: string): number | undefined =>
  process.env[name] === undefined ? undefined : Number(process.env[name]);

storeWorkload({
  streams: size('BENCH_STREAMS'),
  perAppend: size('BENCH_PER_APPEND'),
  singles: size('BENCH_SINGLES'),
}).then(
  (figures) => console.log(JSON.stringify(figures, null, 2)),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
