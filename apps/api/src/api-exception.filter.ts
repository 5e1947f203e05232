import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '@tokentrail/domain';
import { StreamDeleted, WrongExpectedRevision } from '@tokentrail/event-store';
import { NothingToResume, ScenarioInvalid, SimulationExists } from '@tokentrail/scenarios';
import { UnknownSimulation } from '@tokentrail/simulation';

/**
 * Typed errors as HTTP: 404 unknown simulation, 409 conflicts, 422 invalid input naming the field.
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
      return void send(error.getStatus(), { error: error.name, message: error.message });
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    send(500, { error: 'InternalError', message: 'internal error' });
  }
}
