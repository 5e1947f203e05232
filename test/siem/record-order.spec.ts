import { describe, expect, it } from 'vitest';
import { RecordOrder, type WinEvent } from '@tokentrail/siem';

const e = (computer: string, recordId: number, time: string): WinEvent => ({
  eventId: 4624,
  computer,
  recordId,
  channel: 'Security',
  time: `2026-03-02T09:${time}.000Z`,
  data: {},
  format: 'winlogbeat',
  source: { file: 'f', line: recordId },
});
const order = (events: WinEvent[], window?: number) => {
  const o = new RecordOrder(window);
  const out: WinEvent[] = [];
  for (const x of events) o.push(x, out);
  o.drain(out);
  return out.map((x) => `${x.computer}#${x.recordId}`);
};

describe('RecordOrder', () => {
  it('given one log out of order and two logs interleaved, then each log comes in record-number order and the logs merge by time', () => {
    expect(
      order([
        e('WS1', 2, '02:00'),
        e('WS1', 1, '02:00'),
        e('DC1', 10, '01:00'),
        e('WS1', 3, '05:00'),
        e('DC1', 11, '03:00'),
      ]),
    ).toEqual(['DC1#10', 'WS1#1', 'WS1#2', 'DC1#11', 'WS1#3']);
  });

  it('given a window smaller than the displacement, then what is further apart keeps the input order', () => {
    const displaced = [e('WS1', 3, '03:00'), e('WS1', 4, '04:00'), e('WS1', 1, '01:00')];
    expect(order(displaced, 1)).toEqual(['WS1#3', 'WS1#1', 'WS1#4']);
    expect(order(displaced, 2)).toEqual(['WS1#1', 'WS1#3', 'WS1#4']);
    expect(order(displaced, 0)).toEqual(['WS1#3', 'WS1#4', 'WS1#1']);
  });

  it('given many logs, then every record comes out once, each log in order', () => {
    const events: WinEvent[] = [];
    for (let i = 0; i < 500; i++)
      events.push(e(`WS${(i * 7) % 13}`, 1000 - i, `${String(i % 60).padStart(2, '0')}:00`));
    const out = order(events, 50);
    expect(out).toHaveLength(500);
    expect(new Set(out).size).toBe(500);
  });
});
