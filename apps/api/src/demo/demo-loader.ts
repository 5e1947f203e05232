import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { StreamDeleted } from '@tokentrail/event-store';
import {
  Projector,
  QueryService,
  READ_MODEL,
  TimelineRows,
  type ReadModel,
} from '@tokentrail/projections';
import {
  ScenarioRunner,
  SimulationExists,
  parseScenarioText,
  planScenario,
} from '@tokentrail/scenarios';
import { API_CONFIG, type ApiConfig } from '../api-config';
import { checkoutDir } from '../checkout-dir';
import { DEMO_PREFIX, SMB_DEMO, demoFiles, type DemoFile } from './demo-files';
import { staleMoment } from './stale-moment';

/** What a start did with the demo, and where the page shows it. */
export interface DemoOutcome {
  loaded: string[];
  /** Why nothing was loaded, when nothing was. */
  skipped?: 'investigations';
  page: string;
}

/**
 * The first start worth seeing: on a store that holds no investigation, the example scenarios
 * are run into demo simulations, once (a demo simulation already there, or deleted, is not run
 * again, so a second start adds nothing), then one line gives the page's address on the SMB
 * example at a moment inside its stale window, computed from its timeline. The API answers while
 * this runs.
 */
@Injectable()
export class DemoLoader implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Demo');
  private stopping = false;
  /** Settles when the demo is loaded and announced (tests wait for it). */
  done: Promise<DemoOutcome | null> = Promise.resolve(null);

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly runner: ScenarioRunner,
    private readonly projector: Projector,
    private readonly queries: QueryService,
    @Inject(READ_MODEL) private readonly readModel: ReadModel,
    private readonly adapter: HttpAdapterHost,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.TOKENTRAIL_DEMO === 'off') return;
    this.done = this.load().then(
      (outcome) => {
        // The one line a person starting the API reads (not a log record).
        console.log(announcement(outcome));
        return outcome;
      },
      (error: unknown) => {
        if (!this.stopping)
          this.logger.error(
            `the demo was not loaded: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
          );
        return null;
      },
    );
  }

  onApplicationShutdown(): void {
    this.stopping = true;
  }

  private async load(): Promise<DemoOutcome> {
    await this.settled();
    // Investigations are not mixed with examples: a store with one gets no demo.
    const investigations = this.readModel.simulations().some((s) => !s.id.startsWith(DEMO_PREFIX));
    const loaded: string[] = [];
    if (!investigations)
      for (const file of demoFiles(checkoutDir())) {
        if (this.stopping) break;
        if (await this.run(file)) loaded.push(file.simulation);
      }
    await this.settled();
    return {
      loaded,
      ...(investigations ? { skipped: 'investigations' as const } : {}),
      page: await this.page(),
    };
  }

  private async settled(): Promise<void> {
    if (this.projector.mode !== 'off') await this.projector.settled();
  }

  /** Runs one example; false when its simulation is already there (or was deleted). */
  private async run(file: DemoFile): Promise<boolean> {
    try {
      const plan = planScenario(parseScenarioText(readFileSync(file.path, 'utf8')));
      await this.runner.run(plan, { simulation: file.simulation });
      return true;
    } catch (error) {
      if (error instanceof SimulationExists || error instanceof StreamDeleted) return false;
      throw error;
    }
  }

  /** The page on the first stale SMB session of the SMB example (else of any demo), or plain. */
  private async page(): Promise<string> {
    const base = `${await this.origin()}/ui/`;
    const demos = this.readModel
      .simulations()
      .filter((s) => s.id.startsWith(DEMO_PREFIX))
      .sort((x, y) => Number(y.id === SMB_DEMO) - Number(x.id === SMB_DEMO));
    const rows = new TimelineRows(this.readModel);
    for (const sim of demos) {
      for (const sid of rows.principalsHolding(sim.sim, 'smb-session')) {
        const timeline = await this.queries.timeline(sim.id, sid);
        const at = timeline && staleMoment(timeline, 'smb-session');
        if (!timeline || !at) continue;
        const query = new URLSearchParams({
          simulation: sim.id,
          principal: timeline.principal.name,
          at,
        });
        return `${base}?${query.toString()}`;
      }
    }
    return base;
  }

  /** Where this process answers, once it listens (the configured host, the actual port). */
  private async origin(): Promise<string> {
    const server = this.adapter.httpAdapter.getHttpServer() as Server;
    if (!server.listening) await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const host = this.config.HOST.replace(/^\[|\]$/g, '');
    const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
    return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
  }
}

function announcement(outcome: DemoOutcome): string {
  const what =
    outcome.loaded.length > 0
      ? `${outcome.loaded.length} demo simulations loaded`
      : outcome.skipped
        ? 'this store holds investigations, so no demo was loaded'
        : 'demo simulations already loaded';
  return `tokentrail: ${what}; open ${outcome.page}`;
}
