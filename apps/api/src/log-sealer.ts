import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  EVENT_STORE,
  SEAL_INTERVAL_DEFAULT,
  STORE_CONFIG,
  SqliteEventStore,
  type EventStore,
  type StoreConfig,
} from '@tokentrail/event-store';
import { sealLog, type SealResult } from '@tokentrail/event-store/seal-log';
import {
  fingerprintOfFile,
  loadSigningKey,
  type SigningKey,
} from '@tokentrail/event-store/signed-head';
import { InvalidArgument } from '@tokentrail/domain';

/**
 * The embedded store signs its heads with TOKENTRAIL_SIGNING_KEY: on demand (POST /seals) and
 * every TOKENTRAIL_SEAL_INTERVAL seconds while something new was appended.
 */
@Injectable()
export class LogSealer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Seal');
  readonly key: SigningKey | null;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(STORE_CONFIG) private readonly config: StoreConfig,
  ) {
    this.key = config.TOKENTRAIL_SIGNING_KEY ? loadSigningKey(config.TOKENTRAIL_SIGNING_KEY) : null;
  }

  /** Fingerprints whose signed heads verify trusts: the signing key's, TOKENTRAIL_VERIFY_KEY's. */
  get trusted(): string[] {
    const verifyKey = this.config.TOKENTRAIL_VERIFY_KEY;
    return [
      ...(this.key ? [this.key.fingerprint] : []),
      ...(verifyKey ? [fingerprintOfFile(verifyKey)] : []),
    ];
  }

  async seal(): Promise<SealResult> {
    if (!(this.store instanceof SqliteEventStore))
      throw new InvalidArgument('store', 'signed heads are of the embedded store’s hash chains');
    if (!this.key)
      throw new InvalidArgument('TOKENTRAIL_SIGNING_KEY', 'is not set: this server cannot sign');
    return sealLog(this.store, this.key);
  }

  onApplicationBootstrap(): void {
    const seconds = this.config.TOKENTRAIL_SEAL_INTERVAL ?? SEAL_INTERVAL_DEFAULT;
    if (!this.key || seconds === 0 || !(this.store instanceof SqliteEventStore)) return;
    this.timer = setInterval(() => void this.sealQuietly(), seconds * 1000);
    this.timer.unref();
  }

  /** A timed seal that fails says so in one line and is tried again at the next interval. */
  async sealQuietly(): Promise<void> {
    try {
      const { sealed, head } = await this.seal();
      if (sealed) this.logger.log(`signed the heads of ${head.heads.length} streams`);
    } catch (error) {
      this.logger.error(error instanceof Error ? error.message.split('\n')[0] : String(error));
    }
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
