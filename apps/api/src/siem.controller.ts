import { Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { InvalidArgument, streamOf } from '@tokentrail/domain';
import { asOfFrom } from '@tokentrail/projections';
import {
  EXPORT_FORMATS,
  ExportService,
  ImportService,
  formatItem,
  parseTimezone,
  sourceOfStream,
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

const FORMATS = ['auto', 'winlogbeat', 'ecs', 'evtx-xml', 'otrf'];

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
      'Import Windows Security events: an NDJSON body (Winlogbeat, ECS or OTRF lines), streamed, not buffered whole; the simulation is created on first use',
  })
  @ApiQuery({ name: 'format', required: false, description: FORMATS.join(' | ') })
  @ApiQuery({
    name: 'timezone',
    required: false,
    description: 'zone of OTRF EventTime: UTC (default) or ±HH:MM',
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
    @Query('timezone') timezone = 'UTC',
  ) {
    streamOf(id);
    if (!FORMATS.includes(format))
      throw new InvalidArgument('format', `"${format}" is not one of ${FORMATS.join(', ')}`);
    parseTimezone(timezone); // 422 naming `timezone` for +99:99 and the like
    const body = await spoolImportBody(req, {
      maxBytes: this.config.TOKENTRAIL_MAX_IMPORT_BODY,
      maxRecords: this.config.TOKENTRAIL_MAX_IMPORT_RECORDS,
    });
    async function* one() {
      yield sourceOfStream('body', body.open());
    }
    try {
      const summary = await this.imports.import(id, one(), {
        format: format as InputFormat | 'auto',
        zone: timezone,
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
