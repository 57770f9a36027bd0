import type { WireReport } from '@app/contracts';

let sequence = 0;

/** A valid WireReport; every call gets a fresh reportId unless one is given. */
export function aWireReport(overrides: Partial<WireReport> & Record<string, unknown> = {}): WireReport {
  sequence += 1;
  return {
    reportId: `test-${Date.now().toString(36)}-${sequence}`,
    source: 'Test Wire',
    publishedAt: '2025-05-08T10:00:00+05:30',
    headline: 'Test headline',
    body: 'NEW DELHI, May 8 (Test Wire) - India accused Pakistan on Thursday of violating the ceasefire along the Line of Control.',
    language: 'en',
    ...overrides,
  };
}
