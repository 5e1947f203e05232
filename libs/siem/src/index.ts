export * from './read/win-event';
export * from './read/parse-record';
export * from './read/parse-evtx-xml';
export {
  readInputs,
  readInputBatches,
  readContext,
  type ReadInputsOptions,
} from './read/read-inputs';
export type { ReadItem } from './read/read-item';
export type { FileReport, ReadStatus, Skipped } from './read/file-report';
export type { TimeReport } from './read/local-time-zone';
export { parseTimezone } from './read/time-zone';
export * from './record-order';
export * from './map-event';
export * from './import-summary';
export * from './import.service';
export * from './siem.module';
export * from './export/export-item';
export * from './export/ecs';
export * from './export/ocsf';
export * from './export/cef';
export * from './export/syslog';
export * from './export/syslog-sender';
export * from './export/webhook-sink';
export * from './export/export.service';
export * from './export/sinks';
