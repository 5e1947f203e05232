export * from './simulation';
export * from './simulation.repository';
export * from './execute-commands.command';
export * from './command-sender';
export * from './simulation.module';
export * from './unknown-simulation.error';
export * from './run-log';
export * from './simulation-catalog';
