import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import { ReturnsText } from '../contract/responses.decorator';
import { Requires } from '../requires.decorator';
import { ApiMetrics } from './api-metrics';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: ApiMetrics) {}

  /**
   * Counts and latencies only (no simulation ids, names or SIDs), but they still tell how busy an
   * investigation is: a reader key, like the rest of the API, and not counted against its rate.
   */
  @Get()
  @Requires('reader', 'none')
  @SkipThrottle()
  @ApiOperation({
    summary:
      'Prometheus metrics: commands and events appended, append latency, projector lag, question latency by kind, import records by outcome',
  })
  @ReturnsText(200, 'the Prometheus text exposition format (0.0.4)', ['text/plain'])
  async scrape(@Res() res: Response): Promise<void> {
    const text = await this.metrics.text();
    res.status(200).type(this.metrics.contentType).send(text);
  }
}
