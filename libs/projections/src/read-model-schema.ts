/**
 * The read model's layout. It is derived data: a file of another layout is emptied and rebuilt
 * from the event log (the projector starts again from position 0), never migrated.
 */
export const READ_MODEL_LAYOUT = 4;

/**
 * Simulations are numbered (`sim`) so that the big tables repeat an integer, not a name; so are
 * memberships, stored once however many copies and truths share one. Intervals
 * are in the simulation's positions: live from `from_position` (included) to `to_position`
 * (excluded; null while live), and before `expires_at` as of that position (an SMB session used
 * again moves its expiry: `artifact_extensions`).
 */
export const READ_MODEL_SCHEMA = `
CREATE TABLE checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), position TEXT NOT NULL);
CREATE TABLE simulations (
  sim INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, events INTEGER NOT NULL, first_at TEXT NOT NULL,
  last_at TEXT NOT NULL, max_at TEXT NOT NULL, last_position TEXT NOT NULL, monotonic INTEGER NOT NULL
);
CREATE TABLE runs (
  simulation TEXT NOT NULL, run TEXT NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL, commands INTEGER,
  started_at TEXT NOT NULL, completed INTEGER NOT NULL,
  PRIMARY KEY (simulation, run)
);
CREATE TABLE events_index (
  sim INTEGER NOT NULL, position INTEGER NOT NULL, event_id TEXT NOT NULL, type TEXT NOT NULL,
  occurred_at TEXT NOT NULL, global_position TEXT NOT NULL, causation_id TEXT, detail TEXT,
  PRIMARY KEY (sim, position)
) WITHOUT ROWID;
CREATE INDEX events_index_id ON events_index (sim, event_id);
CREATE TABLE memberships (
  id INTEGER PRIMARY KEY, sim INTEGER NOT NULL, hash TEXT NOT NULL, body TEXT NOT NULL
);
CREATE UNIQUE INDEX memberships_hash ON memberships (sim, hash);
CREATE TABLE artifacts (
  sim INTEGER NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL, id_key TEXT NOT NULL,
  source_event TEXT NOT NULL, principal TEXT NOT NULL, principal_sid TEXT NOT NULL,
  machine TEXT NOT NULL, machine_key TEXT NOT NULL, membership INTEGER NOT NULL, token_type TEXT,
  since TEXT NOT NULL, expires_at TEXT,
  from_at TEXT NOT NULL, from_position INTEGER NOT NULL, to_at TEXT, to_position INTEGER, ended_by TEXT
);
CREATE INDEX artifacts_id ON artifacts (sim, kind, id_key, from_position);
CREATE INDEX artifacts_machine ON artifacts (sim, machine_key, from_position);
CREATE INDEX artifacts_principal ON artifacts (sim, principal_sid, from_position);
CREATE INDEX artifacts_time ON artifacts (sim, from_position);
CREATE TABLE artifact_extensions (
  sim INTEGER NOT NULL, kind TEXT NOT NULL, id_key TEXT NOT NULL, source_event TEXT NOT NULL,
  from_position INTEGER NOT NULL, expires_at TEXT NOT NULL,
  PRIMARY KEY (sim, kind, id_key, source_event, from_position)
) WITHOUT ROWID;
CREATE TABLE truth (
  sim INTEGER NOT NULL, principal_sid TEXT NOT NULL, principal TEXT NOT NULL, membership INTEGER,
  changed_at TEXT, from_at TEXT NOT NULL, from_position INTEGER NOT NULL, to_at TEXT, to_position INTEGER,
  PRIMARY KEY (sim, principal_sid, from_position)
) WITHOUT ROWID;
CREATE TABLE names (
  sim INTEGER NOT NULL, space TEXT NOT NULL, name TEXT NOT NULL, target TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (sim, space, name, position)
) WITHOUT ROWID;
CREATE TABLE principal_names (
  sim INTEGER NOT NULL, name_key TEXT NOT NULL, sid TEXT NOT NULL,
  from_position INTEGER NOT NULL, to_position INTEGER
);
CREATE INDEX principal_names_name ON principal_names (sim, name_key, from_position);
CREATE TABLE principal_aliases (
  sim INTEGER NOT NULL, name_key TEXT NOT NULL, name TEXT NOT NULL, sid TEXT NOT NULL,
  from_position INTEGER NOT NULL, created_position INTEGER NOT NULL
);
CREATE INDEX principal_aliases_name ON principal_aliases (sim, name_key, created_position);
CREATE INDEX principal_aliases_sid ON principal_aliases (sim, sid, from_position);
CREATE TABLE snapshots (
  sim INTEGER NOT NULL, position INTEGER NOT NULL, global_position TEXT NOT NULL,
  max_at TEXT NOT NULL, world BLOB NOT NULL,
  PRIMARY KEY (sim, position)
);
`;

/** Every table, for emptying a file of another layout and forgetting a simulation. */
export const READ_MODEL_TABLES = [
  'checkpoint',
  'simulations',
  'runs',
  'events_index',
  'memberships',
  'artifacts',
  'artifact_extensions',
  'truth',
  'names',
  'principal_names',
  'principal_aliases',
  'snapshots',
] as const;
