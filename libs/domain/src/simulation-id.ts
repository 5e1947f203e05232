import { InvalidArgument } from './errors';

const SIMULATION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const STREAM = /^sim-([A-Za-z0-9][A-Za-z0-9._-]{0,99})$/;

/**
 * A simulation is one stream, `sim-<id>`: its revision is the simulation's position (minus one).
 */
export function streamOf(simulation: string): string {
  if (!SIMULATION_ID.test(simulation)) {
    throw new InvalidArgument(
      'simulation',
      `"${simulation}" is not a simulation id (letters, digits, . _ -; at most 100)`,
    );
  }
  return `sim-${simulation}`;
}

export function simulationOfStream(stream: string): string | null {
  return STREAM.exec(stream)?.[1] ?? null;
}

/** Where a simulation's runs record their start and completion (beside its log, not in it). */
export function runStreamOf(simulation: string): string {
  return `run-${streamOf(simulation).slice('sim-'.length)}`;
}

export function simulationOfRunStream(stream: string): string | null {
  return stream.startsWith('run-')
    ? simulationOfStream(`sim-${stream.slice('run-'.length)}`)
    : null;
}
