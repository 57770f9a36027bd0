import type { BatchRange, Checkpoint } from '@app/event-store';
import { aCodedEvent } from '@app/escalation';
import { toContributionRow } from '../core/rows';
import { WarmWorkingSet } from './warm-working-set';

const at = (position: number): Checkpoint => ({ transactionId: BigInt(1000 + position), position: BigInt(position) });
const range = (from: number, to: number): BatchRange => ({ from: at(from), to: at(to) });
const aRow = (id: string) =>
  toContributionRow({ reportId: id, coderVersion: 'coder-1', recordedAt: '2024-01-01T00:00:00.000Z', withdrawnAt: null, event: aCodedEvent({ eventId: `${id}#0`, reportId: id }) });

describe('WarmWorkingSet', () => {
  it('hands the next batch the working set its own committed batch left', () => {
    const warm = new WarmWorkingSet();
    const first = warm.begin(range(0, 10));
    first.loaded.dyads.add('IRN-PAK');
    warm.committed(range(0, 10));
    const second = warm.begin(range(10, 20));
    expect(second.state).toBe(first.state);
    expect(second.loaded.dyads.has('IRN-PAK')).toBe(true);
  });

  it('starts cold after a batch that never committed, even when it is retried from the same checkpoint', () => {
    const warm = new WarmWorkingSet();
    const first = warm.begin(range(0, 10));
    warm.committed(range(0, 10));
    expect(warm.begin(range(10, 20)).state).toBe(first.state);
    const retried = warm.begin(range(10, 20));
    expect(retried.state).not.toBe(first.state);
    expect(retried.loaded.dyads.size).toBe(0);
  });

  it('starts cold when the batch does not start where its last commit ended (another projector moved the checkpoint)', () => {
    const warm = new WarmWorkingSet();
    const first = warm.begin(range(0, 10));
    warm.committed(range(0, 10));
    expect(warm.begin(range(15, 20)).state).not.toBe(first.state);
  });

  it('stays warm across a commit of a batch whose events the filter all skipped', () => {
    const warm = new WarmWorkingSet();
    const first = warm.begin(range(0, 10));
    warm.committed(range(0, 10));
    warm.committed(range(10, 12));
    expect(warm.begin(range(12, 20)).state).toBe(first.state);
  });

  it('drops what it holds once a commit leaves more rows than its limit', () => {
    const warm = new WarmWorkingSet(2);
    const first = warm.begin(range(0, 10));
    first.state.loadContribution(aRow('r-1'));
    first.state.loadContribution(aRow('r-2'));
    warm.committed(range(0, 10));
    expect(warm.begin(range(10, 20)).state).toBe(first.state);
    first.state.loadContribution(aRow('r-3'));
    warm.committed(range(10, 20));
    expect(warm.begin(range(20, 30)).state).not.toBe(first.state);
  });
});
