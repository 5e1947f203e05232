import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { tap, type Observable } from 'rxjs';
import { ApiMetrics } from './api-metrics';

/**
 * Times each answered question of the views controller; its handlers are named after their query
 * kinds (`truth`, `token`, …, `artifacts`), so the handler's name is the `kind` label. Refusals are
 * not timed: a 422 is fast and would hide slow answers.
 */
@Injectable()
export class QuestionTimer implements NestInterceptor {
  constructor(private readonly metrics: ApiMetrics) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const started = process.hrtime.bigint();
    const kind = context.getHandler().name;
    return next
      .handle()
      .pipe(
        tap(() => this.metrics.answered(kind, Number(process.hrtime.bigint() - started) / 1e9)),
      );
  }
}
