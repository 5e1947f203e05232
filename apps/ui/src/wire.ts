/** Answers of the API the page reads besides the timeline (whose types the server shares). */
export type {
  ArtifactLane,
  PrincipalEntry,
  StaleSegment,
  Timeline,
  TruthInterval,
  TruthMark,
} from '../../../libs/projections/src/timeline-view';

export interface SimulationSummary {
  id: string;
  status: 'complete' | 'incomplete';
  events: number;
  firstAt: string;
  lastAt: string;
}

export interface SimulationDetail {
  id: string;
  runs: Array<{ kind: 'scenario' | 'import'; title: string; completed: boolean }>;
}

/** One link of a lineage (`/explain`, `/lineage`): the event, and what it copied or changed. */
export interface LineageItem {
  type: string;
  at: string;
  position: number;
  eventId: string;
  copied?: string[];
  group?: string;
  member?: string;
  [more: string]: unknown;
}

export interface ExplainAnswer {
  none?: true;
  groups?: string[];
  items?: LineageItem[];
}

export interface RemediationAction {
  action: string;
  why: string;
  [more: string]: unknown;
}

export interface RemediateAnswer {
  items?: RemediationAction[];
  groups?: string[];
  denied?: boolean;
  reason?: string;
  source?: string;
}

/** A finding as the ECS export writes it (only the fields the page shows). */
export interface EcsFinding {
  '@timestamp': string;
  message?: string;
  event?: { kind?: string; action?: string; severity?: number };
  user?: { name?: string };
  host?: { name?: string };
  tokentrail?: { lingering?: string[]; missing?: string[]; artifact?: unknown };
}
