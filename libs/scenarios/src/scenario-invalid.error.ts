/**
 * A scenario file that cannot run: where (a JSON path such as `steps[3].logon.user`) and what is
 * wrong.
 */
export class ScenarioInvalid extends Error {
  override readonly name = 'ScenarioInvalid';
  constructor(
    /** `steps[3].access.server`, `queries[1].at`, `domain.groups[0].members[2]`, … */
    readonly path: string,
    readonly problem: string,
    /** Index of the step (or query) at fault, when it is one. */
    readonly stepIndex?: number,
  ) {
    super(`${path || '(file)'}: ${problem}`);
  }
}

export function pathOf(parts: ReadonlyArray<PropertyKey>): string {
  return parts.reduce<string>(
    (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)),
    '',
  );
}
