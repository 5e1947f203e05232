import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { InvalidArgument, runStreamOf, streamOf } from '@tokentrail/domain';
import { EVENT_STORE, SqliteEventStore, type EventStore } from '@tokentrail/event-store';
import { buildBundle } from '@tokentrail/event-store/evidence-bundle';
import { UnknownSimulation } from '@tokentrail/simulation';
import { Refuses, Returns } from './contract/responses.decorator';
import {
  evidenceBundleSchema,
  sealSchema,
  verifyAnswerSchema,
  type VerifyAnswer,
} from './contract/evidence-bodies';
import { LogSealer } from './log-sealer';
import { Requires } from './requires.decorator';

const TOOL = { name: 'tokentrail', version: '0.1.0' };

/** The log proving itself over HTTP: a simulation's chain and head, its bundle, signing. */
@ApiTags('evidence')
@Controller()
export class VerifyController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly sealer: LogSealer,
  ) {}

  private embedded(): SqliteEventStore {
    if (this.store instanceof SqliteEventStore) return this.store;
    throw new InvalidArgument(
      'store',
      'the hash chain is the embedded store’s; this server runs on EventStoreDB',
    );
  }

  @Get('simulations/:id/verify')
  @Requires('admin')
  @ApiOperation({
    summary:
      "Walk the simulation's hash chain (and its runs') against the signed heads: its head as position and hash, or each problem named",
  })
  @ApiQuery({ name: 'expectHead', required: false, description: 'POS:HASH written down elsewhere' })
  @Returns(200, 'the chain’s report; `ok: false` names each problem', verifyAnswerSchema)
  @Refuses(404, 409, 422, 503)
  async verify(
    @Param('id') id: string,
    @Query('expectHead') expectHead?: string,
  ): Promise<VerifyAnswer> {
    const stream = streamOf(id);
    let expect;
    if (expectHead !== undefined) {
      const m = /^(\d+):([0-9a-f]{64})$/.exec(expectHead);
      if (!m || Number(m[1]) < 1)
        throw new InvalidArgument('expectHead', `"${expectHead}" is not POS:HASH`);
      expect = { stream, revision: Number(m[1]) - 1, hash: m[2] };
    }
    const report = await this.embedded().verifyLog({
      streams: [stream, runStreamOf(id)],
      trusted: this.sealer.trusted,
      expect,
    });
    if (report.streams.every((s) => !s.head && !s.deleted && !s.problem))
      throw new UnknownSimulation(id);
    const log = report.streams.find((s) => s.stream === stream);
    return {
      simulation: id,
      head: log?.head ? { position: log.head.revision + 1, hash: log.head.hash } : null,
      ...report,
    };
  }

  @Get('simulations/:id/bundle')
  @Requires('admin')
  @ApiOperation({
    summary:
      'An evidence bundle: the events with their hashes as stored, their heads signed now, the public key and its fingerprint (tokentrail verify --bundle checks it with no store)',
  })
  @Returns(200, 'the evidence bundle', evidenceBundleSchema)
  @Refuses(404, 409, 422, 503)
  async bundle(@Param('id') id: string) {
    const streams = [streamOf(id), runStreamOf(id)];
    const source = this.embedded().chainSource();
    if (source.page(streams[0], 0, 1).length === 0) throw new UnknownSimulation(id);
    return buildBundle(source, id, streams, this.sealer.key, TOOL);
  }

  @Post('seals')
  @HttpCode(201)
  @Requires('admin', 'none')
  @ApiOperation({ summary: "Sign every stream's head now (the server's TOKENTRAIL_SIGNING_KEY)" })
  @Returns(201, 'the signed head (or the last one, when nothing was appended since)', sealSchema)
  @Refuses(409, 422, 503, 507)
  seal() {
    return this.sealer.seal();
  }
}
