/**
 * Writes the synthetic enterprise as a scenario file (benchmarks, never a test):
 * node dist/test/bench/write-enterprise-scenario.js OUT.yaml [users groups machines steps]
 */
import { createWriteStream } from 'node:fs';
import { enterpriseScenarioLines } from './enterprise';

const [out, users = '20000', groups = '2000', machines = '500', steps = '20000'] =
  process.argv.slice(2);
const file = createWriteStream(out);
const options = { users: Number(users), groups: Number(groups), machines: Number(machines) };
for (const line of enterpriseScenarioLines(options, Number(steps))) file.write(`${line}\n`);
file.end();
