import { Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { InvalidArgument, streamOf } from '@tokentrail/domain';
import { asOfFrom } from '@tokentrail/projections';
import {
  EXPORT_FORMATS,
  ExportService,
  ImportService,
  INPUT_FORMATS,
  formatItem,
  parseTimezone,
  type ExportFormat,
  type InputFormat,
} from '@tokentrail/siem';
import { SimulationCatalog } from '@tokentrail/simulation';
import { API_CONFIG, type ApiConfig } from './api-config';
import { Refuses, Returns, ReturnsText } from './contract/responses.decorator';
import { importSummaryBodySchema } from './contract/siem-bodies';
import { spoolImportBody } from './import-body';
import { ApiMetrics } from './observability/api-metrics';
import { Requires } from './requires.decorator';

const FORMATS: string[] = ['auto', ...INPUT_FORMATS];

@ApiTags('siem')
@Controller('simulations/:id')
export class SiemController {
  constructor(
    private readonly imports: ImportService,
    private readonly exports: ExportService,
    private readonly catalog: SimulationCatalog,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly metrics: ApiMetrics,
  ) {}

  @Post('imports')
  @HttpCode(201)
  @Requires('writer')
  @ApiOperation({
    summary:
      'Import Windows Security events: the body is a log as a file would hold it (NDJSON of any shape, a JSON array, wevtutil XML, .evtx, gzip, zip or tar), streamed, not buffered whole; the simulation is created on first use. The summary reports the body (`problems`, `exitCode` 3 when it had no readable record or was cut short)',
  })
  @ApiQuery({ name: 'format', required: false, description: FORMATS.join(' | ') })
  @ApiQuery({
    name: 'timezone',
    required: false,
    description:
      'zone of zone-less local times (NXLog EventTime): UTC, Z or ±HH:MM within ±14:00; inferred from ingest times without it',
  })
  @ApiConsumes('application/x-ndjson')
  @ApiBody({
    description: 'One Windows event per line (Winlogbeat, ECS or OTRF JSON)',
    schema: { type: 'string' },
  })
  @Returns(201, 'what the import did', importSummaryBodySchema)
  @Refuses(400, 409, 410, 413, 415, 422, 503, 507)
  async import(
    @Param('id') id: string,
    @Req() req: Request,
    @Query('format') format = 'auto',
    @Query('timezone') timezone?: string,
  ) {
    streamOf(id);
    if (!FORMATS.includes(format))
      throw new InvalidArgument('format', `"${format}" is not one of ${FORMATS.join(', ')}`);
    // 422 naming `timezone` for +99:99 and the like, before the body is read
    if (timezone !== undefined) parseTimezone(timezone);
    const body = await spoolImportBody(req, {
      maxBytes: this.config.TOKENTRAIL_MAX_IMPORT_BODY,
      maxRecords: this.config.TOKENTRAIL_MAX_IMPORT_RECORDS,
    });
    try {
      const summary = await this.imports.import(id, ['-'], {
        format: format as InputFormat | 'auto',
        timezone,
        stdin: body.open(),
      });
      this.metrics.imported(summary);
      return summary;
    } finally {
      await body.remove();
    }
  }

  @Get('export')
  @Requires('reader')
  @ApiOperation({
    summary: 'The log and findings as ECS or OCSF (NDJSON), CEF or RFC 5424 syslog (lines)',
  })
  @ApiQuery({ name: 'format', required: true, description: EXPORT_FORMATS.join(' | ') })
  @ApiQuery({ name: 'at', required: false })
  @ApiQuery({ name: 'findingsOnly', required: false })
  @ReturnsText(
    200,
    'ECS or OCSF: one JSON document per line (`application/x-ndjson`); CEF or RFC 5424 syslog: one message per line (`text/plain`)',
    ['application/x-ndjson', 'text/plain'],
  )
  @Refuses(404, 410, 422, 503)
  async export(
    @Param('id') id: string,
    @Query() q: Record<string, string | undefined>,
    @Res() res: Response,
  ): Promise<void> {
    await this.catalog.assertExists(id);
    if (!EXPORT_FORMATS.includes(q.format as ExportFormat))
      throw new InvalidArgument(
        'format',
        `"${q.format ?? ''}" is not one of ${EXPORT_FORMATS.join(', ')}`,
      );
    const at = q.at ? asOfFrom({ at: q.at }).at : undefined;
    res
      .status(200)
      .type(q.format === 'ecs' || q.format === 'ocsf' ? 'application/x-ndjson' : 'text/plain');
    for await (const item of this.exports.items(id, {
      at,
      findingsOnly: q.findingsOnly === 'true',
    })) {
      const text = formatItem(item, q.format as ExportFormat);
      if (text !== null && !res.write(`${text}\n`)) await new Promise((r) => res.once('drain', r));
    }
    res.end();
  }
}
