/** `--resume` names a simulation with no interrupted run of this scenario. */
export class NothingToResume extends Error {
  override readonly name = 'NothingToResume';
  constructor(
    readonly simulation: string,
    reason: string,
  ) {
    super(`simulation "${simulation}": nothing to resume: ${reason}`);
  }
}
