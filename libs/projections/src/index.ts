export * from './artifact';
export * from './fold-log';
export * from './query';
export * from './answers';
export * from './lineage';
export * from './answer-query';
export * from './query.service';
export * from './projections.module';
