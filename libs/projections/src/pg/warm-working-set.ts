import { checkpointsEqual, type BatchRange, type Checkpoint } from '@app/event-store';
import { ReadModelState } from '../core/read-model-state';
import { LoadedKeys } from './working-set-loader';

/** Rows a warm working set may hold before it is dropped (`PROJECTOR_WARM_ROWS`). */
export const DEFAULT_WARM_ROW_LIMIT = 1_000_000;

/**
 * The live projector's working set, kept between batches so that a batch reads back only what no earlier
 * batch loaded or wrote. It is trusted only for a batch that starts at the checkpoint this projector itself
 * committed last: a failed batch (whose changes are in memory but were rolled back), another projector
 * moving the checkpoint, or anything else in between starts the next batch cold. Past `rowLimit` rows it is
 * dropped after a commit and grows again from what batches touch.
 */
export class WarmWorkingSet {
  private state = new ReadModelState();
  private loaded = new LoadedKeys();
  private validAt: Checkpoint | null = null;
  private pending: Checkpoint | null = null;

  /** With `rowLimit` 0 every batch starts cold. */
  constructor(private readonly rowLimit = DEFAULT_WARM_ROW_LIMIT) {}

  /** The working set for the batch `range`: the kept one when it reflects the store at `range.from`, else an empty one. */
  begin(range: BatchRange): { state: ReadModelState; loaded: LoadedKeys } {
    if (!this.validAt || !checkpointsEqual(this.validAt, range.from)) this.drop();
    this.validAt = null;
    this.pending = range.to;
    return { state: this.state, loaded: this.loaded };
  }

  /** The subscription's `afterCommit`: what the batch ending at `range.to` left in memory is now stored. */
  committed(range: BatchRange): void {
    if (this.pending && checkpointsEqual(this.pending, range.to)) this.validAt = range.to;
    else if (this.validAt && checkpointsEqual(this.validAt, range.from)) this.validAt = range.to;
    else this.validAt = null;
    this.pending = null;
    if (this.state.rowCount > this.rowLimit) this.drop();
  }

  private drop(): void {
    this.state = new ReadModelState();
    this.loaded = new LoadedKeys();
    this.validAt = null;
  }
}
