/**
 * TEST INFRASTRUCTURE ONLY — never used by the product.
 *
 * An in-process stand-in for an EventStoreDB node, built from the gRPC service definitions that
 * @eventstore/db-client ships, so the real client can be driven over a real socket where no
 * EventStoreDB server can run. It implements what the EventStoreDB adapter uses: the streaming
 * Append, Read of a stream and of $all (forwards and backwards), and catch-up subscriptions to
 * $all with stream-prefix, event-type and regex filters, and tombstones (hard deletes: the
 * stream's events stay in $all, as on a server before a scavenge). It answers "unimplemented"
 * for server features, which makes the client use the streaming Append.
 */
import { EventEmitter } from 'node:events';
import {
  Metadata,
  Server,
  ServerCredentials,
  status,
  type sendUnaryData,
  type ServerDuplexStream,
  type ServerReadableStream,
  type ServerUnaryCall,
  type ServerWritableStream,
} from '@grpc/grpc-js';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb.js';
import * as shared from '@eventstore/db-client/generated/shared_pb.js';
import {
  type AppendReq,
  AppendResp,
  ReadReq,
  ReadResp,
  type TombstoneReq,
  TombstoneResp,
} from '@eventstore/db-client/generated/streams_pb.js';

interface StoredEvent {
  streamId: string;
  revision: bigint;
  position: bigint;
  id: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  customMetadata: Uint8Array;
  createdTicks: bigint;
}

/** .NET ticks (100 ns since 0001-01-01) from the Unix epoch. */
const EPOCH_TICKS = 621_355_968_000_000_000n;

const text = (bytes: Uint8Array | string) =>
  typeof bytes === 'string'
    ? Buffer.from(bytes, 'base64').toString('utf8')
    : Buffer.from(bytes).toString('utf8');

export class EsdbStandIn {
  private readonly server = new Server();
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly tombstoned = new Set<string>();
  private readonly appended = new EventEmitter();
  private port = 0;

  get connectionString(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  async start(): Promise<this> {
    this.appended.setMaxListeners(0);
    this.server.addService(ServerFeaturesService, {
      getSupportedMethods: (
        _call: ServerUnaryCall<unknown, unknown>,
        callback: sendUnaryData<unknown>,
      ) => callback({ code: status.UNIMPLEMENTED, details: 'stand-in' }, null),
    });
    this.server.addService(StreamsService, {
      append: (
        call: ServerReadableStream<AppendReq, AppendResp>,
        callback: sendUnaryData<AppendResp>,
      ) => this.append(call, callback),
      read: (call: ServerWritableStream<ReadReq, ReadResp>) => this.read(call),
      tombstone: (
        call: ServerUnaryCall<TombstoneReq, TombstoneResp>,
        callback: sendUnaryData<TombstoneResp>,
      ) => this.tombstone(call, callback),
      batchAppend: (call: ServerDuplexStream<unknown, unknown>) =>
        call.emit('error', { code: status.UNIMPLEMENTED }),
    });
    this.port = await new Promise<number>((resolve, reject) =>
      this.server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, port) =>
        error ? reject(error) : resolve(port),
      ),
    );
    return this;
  }

  async stop(): Promise<void> {
    this.appended.removeAllListeners();
    await new Promise<void>((resolve) => this.server.tryShutdown(() => resolve()));
    this.server.forceShutdown();
  }

  private append(
    call: ServerReadableStream<AppendReq, AppendResp>,
    callback: sendUnaryData<AppendResp>,
  ): void {
    let options: AppendReq.Options | undefined;
    const proposed: AppendReq.ProposedMessage[] = [];
    call.on('data', (req: AppendReq) => {
      if (req.hasOptions()) options = req.getOptions();
      if (req.hasProposedMessage()) proposed.push(req.getProposedMessage()!);
    });
    call.on('end', () => {
      const name = options && text(options.getStreamIdentifier()!.getStreamName_asU8());
      if (name && this.tombstoned.has(name)) return callback(this.deletedError(name), null);
      if (!options) return callback({ code: status.INVALID_ARGUMENT, details: 'no options' }, null);
      callback(null, this.commit(options, proposed));
    });
  }

  private commit(options: AppendReq.Options, proposed: AppendReq.ProposedMessage[]): AppendResp {
    const streamId = text(options.getStreamIdentifier()!.getStreamName_asU8());
    const stream = this.streams.get(streamId) ?? [];
    const current = stream.length === 0 ? null : BigInt(stream.length - 1);
    const resp = new AppendResp();
    const ids = proposed.map((p) => p.getId()!.getString());
    // Idempotent retry: the whole batch is already stored, in order.
    const first = stream.findIndex((e) => e.id === ids[0]);
    if (ids.length > 0 && first >= 0 && ids.every((id, i) => stream[first + i]?.id === id)) {
      return resp.setSuccess(this.success(stream[first + ids.length - 1]));
    }
    const ok =
      options.hasAny() ||
      (options.hasNoStream()
        ? current === null
        : options.hasStreamExists()
          ? current !== null
          : current !== null && current === BigInt(options.getRevision()));
    if (!ok) {
      const wrong = new AppendResp.WrongExpectedVersion();
      if (current === null) wrong.setCurrentNoStream(new shared.Empty());
      else wrong.setCurrentRevision(current.toString());
      if (options.hasNoStream()) wrong.setExpectedNoStream(new shared.Empty());
      else if (options.hasStreamExists()) wrong.setExpectedStreamExists(new shared.Empty());
      else if (options.hasAny()) wrong.setExpectedAny(new shared.Empty());
      else wrong.setExpectedRevision(options.getRevision());
      return resp.setWrongExpectedVersion(wrong);
    }
    const created = EPOCH_TICKS + BigInt(Date.now()) * 10_000n;
    for (const p of proposed) {
      const meta = p.getMetadataMap();
      const event: StoredEvent = {
        streamId,
        revision: BigInt(stream.length),
        // Real positions are byte offsets: sparse, so tests cannot assume density.
        position: BigInt(this.log.length + 1) * 100n,
        id: p.getId()!.getString(),
        type: meta.get('type') as string,
        contentType: meta.get('content-type') as string,
        data: p.getData_asU8(),
        customMetadata: p.getCustomMetadata_asU8(),
        createdTicks: created,
      };
      stream.push(event);
      this.log.push(event);
    }
    this.streams.set(streamId, stream);
    this.appended.emit('event');
    return resp.setSuccess(this.success(stream[stream.length - 1]));
  }

  /** A hard delete: the name is never used again; a `$streamDeleted` event marks it in $all. */
  private tombstone(
    call: ServerUnaryCall<TombstoneReq, TombstoneResp>,
    callback: sendUnaryData<TombstoneResp>,
  ): void {
    const streamId = text(call.request.getOptions()!.getStreamIdentifier()!.getStreamName_asU8());
    const stream = this.streams.get(streamId) ?? [];
    const marker: StoredEvent = {
      streamId,
      revision: BigInt(stream.length),
      position: BigInt(this.log.length + 1) * 100n,
      id: '00000000-0000-0000-0000-000000000000',
      type: '$streamDeleted',
      contentType: 'application/octet-stream',
      data: new Uint8Array(),
      customMetadata: new Uint8Array(),
      createdTicks: EPOCH_TICKS + BigInt(Date.now()) * 10_000n,
    };
    this.log.push(marker);
    this.tombstoned.add(streamId);
    this.appended.emit('event');
    const position = new TombstoneResp.Position()
      .setCommitPosition(marker.position.toString())
      .setPreparePosition(marker.position.toString());
    callback(null, new TombstoneResp().setPosition(position));
  }

  private deletedError(streamId: string) {
    const metadata = new Metadata();
    metadata.set('exception', 'stream-deleted');
    metadata.set('stream-name', streamId);
    return { code: status.FAILED_PRECONDITION, details: `stream ${streamId} is deleted`, metadata };
  }

  private success(last: StoredEvent): AppendResp.Success {
    const position = new AppendResp.Position()
      .setCommitPosition(last.position.toString())
      .setPreparePosition(last.position.toString());
    return new AppendResp.Success()
      .setCurrentRevision(last.revision.toString())
      .setPosition(position);
  }

  private read(call: ServerWritableStream<ReadReq, ReadResp>): void {
    const options = call.request.getOptions()!;
    const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
    const count = options.hasCount() ? Number(options.getCount()) : Number.MAX_SAFE_INTEGER;
    if (options.hasStream()) return this.readStream(call, options.getStream()!, backwards, count);
    const all = options.getAll()!;
    const matches = this.filterOf(options);
    if (options.hasSubscription()) return this.subscribe(call, all, matches);
    let events = backwards ? [...this.log].reverse() : this.log;
    if (all.hasPosition()) {
      const at = BigInt(all.getPosition()!.getCommitPosition());
      events = events.filter((e) => (backwards ? e.position < at : e.position >= at));
    } else if (backwards ? all.hasStart() : all.hasEnd()) {
      events = [];
    }
    for (const e of events.filter(matches).slice(0, count)) call.write(this.eventResp(e));
    call.end();
  }

  private readStream(
    call: ServerWritableStream<ReadReq, ReadResp>,
    options: ReadReq.Options.StreamOptions,
    backwards: boolean,
    count: number,
  ): void {
    const streamId = text(options.getStreamIdentifier()!.getStreamName_asU8());
    if (this.tombstoned.has(streamId)) {
      call.emit('error', this.deletedError(streamId));
      return;
    }
    const stream = this.streams.get(streamId);
    if (!stream) {
      const notFound = new ReadResp.StreamNotFound().setStreamIdentifier(
        options.getStreamIdentifier(),
      );
      call.write(new ReadResp().setStreamNotFound(notFound));
      return void call.end();
    }
    let events = backwards ? [...stream].reverse() : stream;
    if (options.hasRevision()) {
      const from = BigInt(options.getRevision());
      events = events.filter((e) => (backwards ? e.revision <= from : e.revision >= from));
    }
    for (const e of events.slice(0, count)) call.write(this.eventResp(e));
    call.end();
  }

  private subscribe(
    call: ServerWritableStream<ReadReq, ReadResp>,
    all: ReadReq.Options.AllOptions,
    matches: (e: StoredEvent) => boolean,
  ): void {
    call.write(
      new ReadResp().setConfirmation(
        new ReadResp.SubscriptionConfirmation().setSubscriptionId('stand-in'),
      ),
    );
    let after = all.hasPosition()
      ? BigInt(all.getPosition()!.getCommitPosition())
      : all.hasEnd()
        ? (this.log.at(-1)?.position ?? 0n)
        : -1n;
    const push = () => {
      for (const e of this.log) {
        if (e.position <= after) continue;
        after = e.position;
        if (matches(e)) call.write(this.eventResp(e));
      }
    };
    push();
    call.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
    this.appended.on('event', push);
    call.on('cancelled', () => this.appended.off('event', push));
    call.on('close', () => this.appended.off('event', push));
  }

  private filterOf(options: ReadReq.Options): (e: StoredEvent) => boolean {
    if (!options.hasFilter()) return () => true;
    const filter = options.getFilter()!;
    const onStream = filter.hasStreamIdentifier();
    const expr = onStream ? filter.getStreamIdentifier()! : filter.getEventType()!;
    const prefixes = expr.getPrefixList();
    const regex = expr.getRegex() ? new RegExp(expr.getRegex()) : null;
    return (e) => {
      const subject = onStream ? e.streamId : e.type;
      return prefixes.length > 0
        ? prefixes.some((p) => subject.startsWith(p))
        : regex
          ? regex.test(subject)
          : true;
    };
  }

  private eventResp(e: StoredEvent): ReadResp {
    const record = new ReadResp.ReadEvent.RecordedEvent()
      .setId(new shared.UUID().setString(e.id))
      .setStreamIdentifier(
        new shared.StreamIdentifier().setStreamName(Buffer.from(e.streamId, 'utf8')),
      )
      .setStreamRevision(e.revision.toString())
      .setCommitPosition(e.position.toString())
      .setPreparePosition(e.position.toString())
      .setData(e.data)
      .setCustomMetadata(e.customMetadata);
    record
      .getMetadataMap()
      .set('type', e.type)
      .set('content-type', e.contentType)
      .set('created', e.createdTicks.toString());
    const read = new ReadResp.ReadEvent().setEvent(record).setCommitPosition(e.position.toString());
    return new ReadResp().setEvent(read);
  }
}
