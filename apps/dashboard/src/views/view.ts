import type { StreamMessage } from '../sse';
import type { ViewState } from '../state';

export interface ViewContext {
  /** Changes part of the view state (and so the URL). */
  navigate(patch: Partial<ViewState>): void;
  showError(error: unknown): void;
  clearError(): void;
  onFirstRender(rows: number): void;
  /** Every row of a bulk render is in the document. */
  onAllRows?(rows: number): void;
}

export interface View {
  root: HTMLElement;
  /** Whether this view can show the state by updating, rather than being replaced. */
  matches(state: ViewState): boolean;
  update(state: ViewState): void;
  /** Something changed on the server (live stream): fetch again. */
  refresh(): void;
  /** Applies a stream message in place when it can (true), else the page calls refresh. */
  applyLive?(message: StreamMessage): boolean;
  destroy(): void;
}
