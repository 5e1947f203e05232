import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { CORE_SCHEMA, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import {
  ScenarioInvalid,
  parseScenarioText,
  planScenario,
  scenarioJsonSchema,
} from '@tokentrail/scenarios';
import { runCli } from '../cli/run-cli';

const EXAMPLES = join(__dirname, '..', '..', 'examples', 'scenarios');
const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml'));
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(scenarioJsonSchema());
const read = (f: string) => load(readFileSync(join(EXAMPLES, f), 'utf8'), { schema: CORE_SCHEMA });

describe('the JSON Schema of scenario files (one schema: the verbs and queries the runner checks)', () => {
  it.each(files)('given the example %s, then the schema accepts it', (f) => {
    expect(validate(read(f)), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it.each([
    ['an unknown verb', { at: '09:00', logn: { user: 'alice' } }],
    ['two verbs', { logoff: { session: 's' }, purge: { session: 's' } }],
    ['a missing argument', { logon: { user: 'alice', machine: 'WS1' } }],
    ['an unknown argument', { logon: { user: 'a', machine: 'WS1', session: 's', colour: 'red' } }],
    ['a wrong type', { purge: { session: 's', elevated: 'yes' } }],
    [
      'an unknown service',
      { access: { session: 's', server: 'FS1', service: 'ftp', auth: 'ntlm' } },
    ],
  ])('given a step with %s, then the schema refuses it, as the runner does', (_what, step) => {
    const file = {
      scenario: 'x',
      start: '2026-03-02T08:00:00Z',
      domain: { name: 'c' },
      steps: [step],
    };
    expect(validate(file)).toBe(false);
    expect(() => planScenario(parseScenarioText(JSON.stringify(file)))).toThrow(ScenarioInvalid);
  });

  it('given a $schema key naming it, then a scenario file is still valid', () => {
    const file = parseScenarioText(
      '$schema: ./scenario.schema.json\nscenario: x\nstart: 2026-03-02T08:00:00Z\ndomain: { name: c }\n',
    );
    expect(file.$schema).toBe('./scenario.schema.json');
  });

  it('given `tokentrail schema`, then it prints the same schema', () => {
    const out = runCli(['schema']);
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual(scenarioJsonSchema());
  });
});
