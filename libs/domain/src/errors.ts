/**
 * Every refusal of the domain is one of these: typed, with the field it concerns where there is
 * one.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** The argument at fault, as named in scenario files and API bodies. */
    readonly field?: string,
  ) {
    super(message);
    this.name = code;
  }
}

export class UnknownPrincipal extends DomainError {
  constructor(name: string, field = 'principal') {
    super('UnknownPrincipal', `unknown principal "${name}"`, field);
  }
}
export class UnknownMachine extends DomainError {
  constructor(name: string, field = 'machine') {
    super('UnknownMachine', `unknown machine "${name}"`, field);
  }
}
export class UnknownSession extends DomainError {
  constructor(label: string, field = 'session') {
    super('UnknownSession', `unknown session "${label}"`, field);
  }
}
export class SessionEnded extends DomainError {
  constructor(label: string, why: string, field = 'session') {
    super('SessionEnded', `session "${label}" ${why}`, field);
  }
}
export class UnknownProcess extends DomainError {
  constructor(label: string, field = 'process') {
    super('UnknownProcess', `unknown or ended process "${label}"`, field);
  }
}
export class UnknownConnection extends DomainError {
  constructor(label: string, field = 'connection') {
    super('UnknownConnection', `unknown or closed connection "${label}"`, field);
  }
}
export class MachineDown extends DomainError {
  constructor(name: string, field = 'machine') {
    super('MachineDown', `machine "${name}" is down`, field);
  }
}
export class NameTaken extends DomainError {
  constructor(what: string, name: string, field = 'name') {
    super('NameTaken', `${what} "${name}" already exists`, field);
  }
}
export class InvalidArgument extends DomainError {
  constructor(field: string, message: string) {
    super('InvalidArgument', `${field}: ${message}`, field);
  }
}
export class TimeWentBackwards extends DomainError {
  constructor(at: string, last: string) {
    super('TimeWentBackwards', `time ${at} is before the simulation's last event at ${last}`, 'at');
  }
}
