import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '@tokentrail/domain';
import { StoreUnusable, StreamDeleted, WrongExpectedRevision } from '@tokentrail/event-store';
import { LogNotIntact } from '@tokentrail/event-store/log-not-intact.error';
import { describeStoreFault } from '@tokentrail/event-store/store-fault';
import { NothingToResume, ScenarioInvalid, SimulationExists } from '@tokentrail/scenarios';
import { UnknownSimulation } from '@tokentrail/simulation';

/** What body-parser's errors mean to the client (`type` is set by body-parser and json-depth). */
const BODY_ERRORS: Record<string, [number, string, string]> = {
  'entity.too.large': [413, 'PayloadTooLarge', 'the body is larger than TOKENTRAIL_MAX_BODY'],
  'entity.too.deep': [
    422,
    'TooDeep',
    'the body nests arrays and objects deeper than TOKENTRAIL_MAX_DEPTH',
  ],
  'entity.parse.failed': [400, 'BadRequest', 'the body is not valid JSON'],
  'encoding.unsupported': [
    415,
    'UnsupportedMediaType',
    'the body’s Content-Encoding is not supported',
  ],
  'charset.unsupported': [415, 'UnsupportedMediaType', 'the body’s charset is not supported'],
  'request.aborted': [400, 'BadRequest', 'the request was aborted'],
  'request.size.invalid': [400, 'BadRequest', 'the body’s length is not its Content-Length'],
};

/**
 * Typed errors as HTTP: 404 unknown simulation, 409 conflicts, 413 too large, 415 media type,
 * 422 invalid input naming the field, 503/507 a store that cannot be written; never a stack
 * trace in a body or the log.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Api');

  catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const send = (status: number, body: Record<string, unknown>) =>
      res.status(status).json({ statusCode: status, ...body });
    if (error instanceof UnknownSimulation)
      return void send(404, { error: 'UnknownSimulation', message: error.message });
    if (error instanceof SimulationExists || error instanceof NothingToResume)
      return void send(409, { error: error.name, message: error.message });
    if (error instanceof StreamDeleted)
      return void send(410, {
        error: 'SimulationDeleted',
        message: 'this simulation id was deleted and is not used again',
      });
    if (error instanceof WrongExpectedRevision) {
      return void send(409, {
        error: 'WrongExpectedRevision',
        message: error.message,
        stream: error.streamId,
        expected: String(error.expected),
        actual: String(error.actual),
      });
    }
    if (error instanceof ScenarioInvalid)
      return void send(422, {
        error: 'ScenarioInvalid',
        field: error.path,
        message: error.problem,
      });
    if (error instanceof DomainError)
      return void send(422, {
        error: error.code,
        field: error.field ?? null,
        message: error.message,
      });
    if (error instanceof HttpException)
      return void send(error.getStatus(), {
        error: error.name.replace(/Exception$/, ''),
        message: error.message,
      });
    const type = (error as { type?: unknown } | null)?.type;
    if (typeof type === 'string' && BODY_ERRORS[type]) {
      const [status, name, message] = BODY_ERRORS[type];
      return void send(status, { error: name, field: '', message });
    }
    if (error instanceof LogNotIntact)
      return void send(409, { error: 'LogNotIntact', message: error.message });
    const fault =
      describeStoreFault(error) ?? (error instanceof StoreUnusable ? error.message : null);
    if (fault) {
      this.logger.error(fault);
      const full = /full/.test(fault);
      return void send(full ? 507 : 503, { error: 'StoreUnavailable', message: fault });
    }
    this.logger.error(error instanceof Error ? error.message : String(error));
    send(500, { error: 'InternalError', message: 'internal error' });
  }
}
