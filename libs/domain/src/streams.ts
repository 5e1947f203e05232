import { InvalidArgument } from './errors';
import type { AggregateKind } from './events';

const SIMULATION_ID = /^[A-Za-z0-9][A-Za-z0-9._~-]{0,99}$/;

/** Every stream of a simulation starts with this, so one prefix filter reads the whole simulation. */
export function simulationPrefix(simulation: string): string {
  if (!SIMULATION_ID.test(simulation)) {
    throw new InvalidArgument(
      'simulation',
      `"${simulation}" is not a simulation id (letters, digits, . _ ~ -; at most 100)`,
    );
  }
  return `sim-${simulation}/`;
}

export function streamName(simulation: string, kind: AggregateKind, id: string): string {
  return kind === 'Domain'
    ? `${simulationPrefix(simulation)}Domain`
    : `${simulationPrefix(simulation)}${kind}-${id}`;
}

export function simulationOfStream(stream: string): string | null {
  const match = /^sim-([^/]+)\//.exec(stream);
  return match ? match[1] : null;
}
