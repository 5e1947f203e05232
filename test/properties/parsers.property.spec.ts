import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { CORE_SCHEMA, load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '@tokentrail/domain';
import { StreamDeleted } from '@tokentrail/event-store';
import {
  ScenarioInvalid,
  parseScenario,
  parseScenarioText,
  planScenario,
} from '@tokentrail/scenarios';
import { INPUT_FORMATS, ImportService } from '@tokentrail/siem';
import { STALE_EXAMPLE } from '../support/examples';
import { createTestApp } from '../support/test-app';

/** Bounded: these counts are the property tests' size (they run in `npm test`). */
export const RUNS = { scenarioText: 300, scenarioValue: 300, scenarioMutated: 200, imports: 150 };

/** An error the program names (and the CLI and API turn into one line): never a raw one. */
const typed = (error: unknown) =>
  error instanceof ScenarioInvalid ||
  error instanceof DomainError ||
  error instanceof StreamDeleted;

const parseAndPlan = (input: () => unknown) => {
  try {
    input();
  } catch (error) {
    if (!typed(error)) throw error;
  }
};

/** A value like the example scenario with one place replaced by anything. */
function mutated(base: unknown) {
  return fc.tuple(fc.array(fc.nat(30), { maxLength: 4 }), fc.jsonValue()).map(([path, value]) => {
    const copy = JSON.parse(JSON.stringify(base)) as unknown;
    let node = copy as Record<string, unknown>;
    for (const [i, step] of path.entries()) {
      const keys = node && typeof node === 'object' ? Object.keys(node) : [];
      if (keys.length === 0) break;
      const key = keys[step % keys.length];
      if (i === path.length - 1 || typeof node[key] !== 'object' || node[key] === null) {
        node[key] = value;
        break;
      }
      node = node[key] as Record<string, unknown>;
    }
    return copy;
  });
}

/** The example scenario as the parser reads it (YAML 1.2 core schema), to mutate. */
const example = load(readFileSync(STALE_EXAMPLE, 'utf8'), { schema: CORE_SCHEMA });

describe('the scenario parser never throws an untyped error (fast-check)', () => {
  it(`on arbitrary text (${RUNS.scenarioText} runs)`, () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) =>
        parseAndPlan(() => planScenario(parseScenarioText(text))),
      ),
      { numRuns: RUNS.scenarioText },
    );
  });

  it(`on arbitrary JSON values (${RUNS.scenarioValue} runs)`, () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) =>
        parseAndPlan(() => planScenario(parseScenario(value))),
      ),
      { numRuns: RUNS.scenarioValue },
    );
  });

  it(`on the example with any one place replaced (${RUNS.scenarioMutated} runs)`, () => {
    fc.assert(
      fc.property(mutated(example), (value) =>
        parseAndPlan(() => planScenario(parseScenario(value))),
      ),
      { numRuns: RUNS.scenarioMutated },
    );
  });
});

const FIXTURES = join(__dirname, '..', 'fixtures', 'logs');
const fixtureLines = readdirSync(FIXTURES)
  .filter((f) => /\.(jsonl|ndjson)$/.test(f))
  .flatMap((f) => readFileSync(join(FIXTURES, f), 'utf8').split('\n').filter(Boolean));

/** A line a log might hold: anything, any JSON, a real record with one field replaced, XML-ish. */
const line = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.json(),
  fc.tuple(fc.constantFrom(...fixtureLines), fc.nat(), fc.jsonValue()).map(([text, i, value]) => {
    const record = JSON.parse(text) as Record<string, unknown>;
    const keys = Object.keys(record);
    record[keys[i % keys.length]] = value;
    return JSON.stringify(record);
  }),
  fc
    .string({ maxLength: 80 })
    .map((s) => `<Event><System><EventID>${s}</EventID></System></Event>`),
);

describe('every importer never throws an untyped error (fast-check)', () => {
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let n = 0;
  const seen = { read: 0, imported: 0 };
  beforeAll(async () => {
    app = await createTestApp(undefined, undefined, { projector: false });
  });
  afterAll(async () => app?.close());

  it(`on arbitrary lines, in every format and auto-detected (${RUNS.imports} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          { arbitrary: fc.constant('auto' as const), weight: 3 },
          fc.constantFrom(...INPUT_FORMATS),
        ),
        fc.array(line, { maxLength: 8 }),
        async (format, lines) => {
          const body = Readable.from([Buffer.from(lines.join('\n'))]);
          try {
            const summary = await app
              .get(ImportService)
              .import(`imp-${n++}`, ['-'], { format, timezone: 'UTC', stdin: body });
            expect(summary.read).toBeGreaterThanOrEqual(0);
            seen.read += summary.read;
            seen.imported += summary.imported;
          } catch (error) {
            if (!typed(error)) throw error;
          }
        },
      ),
      { numRuns: RUNS.imports },
    );
    // The inputs reached the mapping, not only the readers' refusals.
    expect(seen.imported).toBeGreaterThan(0);
  });
});
