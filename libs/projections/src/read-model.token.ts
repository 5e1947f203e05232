/** Nest injection token for the projections' ReadModel. */
export const READ_MODEL = Symbol('READ_MODEL');
