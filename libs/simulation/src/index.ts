
export * from './simulation-command';
export * from './commands';
export * from './loaded-simulation';
export * from './simulation.repository';
export * from './simulation.service';
export * from './simulation.module';
export * from './aggregates/simulation-aggregate';
export * from './aggregates/domain.aggregate';
export * from './aggregates/machine.aggregate';
export * from './aggregates/session.aggregate';
export * from './aggregates/server-cache.aggregate';
export * from './fork.service';
export * from './remediation.service';
export * from './unknown-simulation.error';
export * from './command-sender';
