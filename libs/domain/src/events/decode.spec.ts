import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from './events';
import { UndecodableEvent, decode, type StoredFact } from './decode';

const stored = (over: Partial<StoredFact> & { schemaVersion?: number } = {}): StoredFact => ({
  type: 'MemberAdded',
  data: {
    group: 'Finance',
    groupSid: 'S-1-5-21-1-2-3-1103',
    member: 'alice',
    memberSid: 'S-1-5-21-1-2-3-1104',
  },
  revision: 6n,
  position: 1234n,
  metadata: {
    eventId: 'e-7',
    occurredAt: '2026-03-02T09:00:00.000Z',
    causationId: null,
    correlationId: 'run-1',
    schemaVersion: over.schemaVersion ?? SCHEMA_VERSION,
    command: 3,
  },
  ...over,
});

describe('decode: the one seam where a stored event becomes a domain event', () => {
  it('given a stored event of this version, then its position is its revision + 1 and its metadata is kept', () => {
    expect(decode(stored())).toMatchObject({
      event: { type: 'MemberAdded', data: { group: 'Finance' } },
      eventId: 'e-7',
      position: 7,
      globalPosition: 1234n,
      correlationId: 'run-1',
      command: 3,
    });
  });

  it('given an unknown type or another payload version, then it is refused, naming the position', () => {
    expect(() => decode(stored({ type: 'Teleported' }))).toThrow(UndecodableEvent);
    expect(() => decode(stored({ schemaVersion: 1 }))).toThrow(
      /payload version 1 \(this version reads 2\)/,
    );
    expect(() => decode(stored({ schemaVersion: 1 }))).toThrow(/position 1234/);
  });
});
