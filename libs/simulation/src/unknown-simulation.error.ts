/** A simulation id with no events: nothing to query or command (HTTP 404). */
export class UnknownSimulation extends Error {
  override readonly name = 'UnknownSimulation';
  constructor(readonly simulation: string) {
    super(`unknown simulation "${simulation}"`);
  }
}
