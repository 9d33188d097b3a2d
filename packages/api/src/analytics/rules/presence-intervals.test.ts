import { describe, expect, it } from 'vitest';
import { presenceEventsToIntervals } from './presence-intervals';

const at = (hhmm: string) => new Date(`2026-11-24T${hhmm}:00+09:00`);

describe('presence events → intervals', () => {
  it('each state lasts until the next change; repeats extend it; sessions are kept apart', () => {
    const intervals = presenceEventsToIntervals([
      { workerId: 'w1', workSessionId: 's1', state: 'AWAY', occurredAt: at('10:00') },
      { workerId: 'w1', workSessionId: 's1', state: 'PRESENT', occurredAt: at('09:00') },
      { workerId: 'w1', workSessionId: 's1', state: 'AWAY', occurredAt: at('10:05') },
      { workerId: 'w1', workSessionId: 's1', state: 'PRESENT', occurredAt: at('10:20') },
      { workerId: 'w1', workSessionId: 's2', state: 'PRESENT', occurredAt: at('13:00') },
    ]);
    expect(intervals.map((i) => [i.state, i.startedAt, i.endedAt])).toEqual([
      ['PRESENT', at('09:00'), at('10:00')],
      ['AWAY', at('10:00'), at('10:20')],
      ['PRESENT', at('10:20'), null],
      ['PRESENT', at('13:00'), null],
    ]);
  });
});
