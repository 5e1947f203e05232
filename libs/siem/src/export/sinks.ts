// The sink API as one import for the CLI (and a future HTTP API).
export * from './create-sink';
export * from './delivery-summary';
export * from './sink';
export * from './sink-credentials';
export * from './sink-options';
export * from './sink-writer';
