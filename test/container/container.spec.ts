import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** The Dockerfile's stages: each FROM's name and the instructions up to the next FROM. */
function stages() {
  const out: { name: string | null; image: string | null; steps: Instruction[] }[] = [];
  for (const instruction of DockerfileParser.parse(read('Dockerfile')).getInstructions()) {
    if (instruction.getKeyword() === 'FROM') {
      const from = DockerfileParser.parse(instruction.getTextContent()).getFROMs()[0];
      out.push({ name: from.getBuildStage(), image: from.getImageName(), steps: [] });
    } else out.at(-1)?.steps.push(instruction);
  }
  return out;
}
const args = (steps: Instruction[], keyword: string) =>
  steps.filter((s) => s.getKeyword() === keyword).map((s) => s.getRawArgumentsContent() ?? '');

interface Service {
  image?: string;
  build?: string;
  profiles?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  secrets?: string[];
  volumes?: string[];
}
const compose = () =>
  parse(read('docker-compose.yml'), { merge: true }) as {
    services: Record<string, Service>;
    secrets: Record<string, { file: string }>;
    volumes: Record<string, unknown>;
  };

// No Docker engine runs here: these tests read the files as Docker and Compose would parse them.
describe('the container', () => {
  it('given the Dockerfile, then a build stage compiles with npm ci and a runtime stage installs production dependencies only, runs as a non-root user, keeps its data on a volume and checks readiness', () => {
    const [build, runtime, ...rest] = stages();
    expect(rest).toEqual([]);
    expect(build.name).toBe('build');
    expect(args(build.steps, 'RUN').join('\n')).toMatch(/npm ci\b/);
    expect(args(build.steps, 'RUN').join('\n')).toMatch(/npm run build/);
    expect(runtime.name).toBe('runtime');
    expect(args(runtime.steps, 'RUN').join('\n')).toMatch(/npm ci --omit=dev/);
    expect(runtime.steps.map((s) => s.getTextContent())).toContain(
      'COPY --from=build /app/dist ./dist',
    );
    const users = args(runtime.steps, 'USER');
    expect(users).toHaveLength(1);
    expect(users[0]).not.toMatch(/^(root|0)(:|$)/);
    const afterUser = runtime.steps.slice(
      runtime.steps.findIndex((s) => s.getKeyword() === 'USER'),
    );
    expect(afterUser.map((s) => s.getKeyword())).not.toContain('RUN');
    expect(args(runtime.steps, 'VOLUME')).toEqual(['["/app/data"]']);
    expect(args(runtime.steps, 'ENV').join(' ')).toMatch(/TOKENTRAIL_DB=\/app\/data\//);
    expect(args(runtime.steps, 'HEALTHCHECK').join('')).toMatch(/\/health\/ready/);
    expect(args(runtime.steps, 'CMD')).toEqual(['["node", "dist/apps/api/src/main.js"]']);
    expect(read('.dockerignore').split('\n')).toEqual(
      expect.arrayContaining(['node_modules', 'dist', 'data', '.git', 'tokentrail-keys.json']),
    );
  });

  it('given docker-compose.yml, then tokentrail runs on the embedded store by default and on EventStoreDB or KurrentDB by profile, each with a healthcheck, and the 3-node cluster is still there', () => {
    const { services, secrets, volumes } = compose();
    const embedded = services.tokentrail;
    expect(embedded.profiles).toBeUndefined();
    expect(embedded.build).toBe('.');
    expect(embedded.environment).toMatchObject({
      TOKENTRAIL_STORE: 'embedded',
      TOKENTRAIL_DB: '/app/data/tokentrail.db',
      HOST: '0.0.0.0',
      TOKENTRAIL_API_KEYS_FILE: '/run/secrets/tokentrail-keys',
    });
    expect(embedded.volumes).toEqual(['tokentrail-data:/app/data']);
    expect(secrets['tokentrail-keys'].file).toBe('./tokentrail-keys.json');
    for (const [name, store, profile] of [
      ['tokentrail-esdb', 'eventstoredb', 'eventstoredb'],
      ['tokentrail-kurrentdb', 'kurrentdb', 'kurrentdb'],
    ]) {
      const s = services[name];
      expect(s.profiles, name).toEqual([profile]);
      expect(s.environment, name).toMatchObject({
        TOKENTRAIL_STORE: 'eventstoredb',
        EVENTSTORE_CONNECTION_STRING: `esdb://${store}:2113?tls=false`,
      });
      expect(s.depends_on, name).toEqual({ [store]: { condition: 'service_healthy' } });
      expect(services[store].profiles, store).toEqual([profile]);
    }
    expect(services.eventstoredb.image).toMatch(/^eventstore\/eventstore:/);
    expect(services.kurrentdb.image).toMatch(/^kurrentplatform\/kurrentdb:/);
    for (const name of ['tokentrail', 'tokentrail-esdb', 'tokentrail-kurrentdb'])
      expect(services[name].healthcheck?.test.join(' '), name).toMatch(/\/health\/ready/);
    for (const name of ['eventstoredb', 'kurrentdb'])
      expect(services[name].healthcheck?.test.join(' '), name).toMatch(/\/health\/live/);
    for (const node of ['esdb-node1', 'esdb-node2', 'esdb-node3'])
      expect(services[node]).toMatchObject({
        profiles: ['cluster'],
        environment: { EVENTSTORE_CLUSTER_SIZE: '3' },
      });
    expect(Object.keys(volumes)).toEqual(expect.arrayContaining(['tokentrail-data', 'kurrentdb']));
  });
});
