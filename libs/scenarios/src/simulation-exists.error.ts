/**
 * A scenario is run into a simulation that already has events: refused, so nothing is duplicated.
 */
export class SimulationExists extends Error {
  override readonly name = 'SimulationExists';
  constructor(
    readonly simulation: string,
    readonly events: number,
  ) {
    super(
      `simulation "${simulation}" already holds ${events} events: run the scenario into a new simulation (--simulation NEW-ID), or --resume an interrupted run of the same file`,
    );
  }
}
