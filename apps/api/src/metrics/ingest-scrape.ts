/** The ingest process's series the api re-exposes: rejects by reason and reports by outcome. */
export const MIRRORED_INGEST_FAMILIES = ['wirewatch_ingest_rejects_total', 'wirewatch_ingest_reports_total', 'wirewatch_ingest_transient_failures_total'];

/**
 * Keeps only the named metric families (HELP, TYPE and samples) of a Prometheus text exposition. The ingest
 * process counts rejects in its own registry (only it sees them); the api serves them too so that one scrape
 * of `/metrics` shows the whole pipeline. The ingest's own /metrics stays the source of truth.
 */
export function selectFamilies(exposition: string, families: readonly string[]): string {
  const wanted = new Set(families);
  const kept: string[] = [];
  for (const line of exposition.split('\n')) {
    const name = line.startsWith('# HELP ') || line.startsWith('# TYPE ') ? line.split(' ')[2] : line.split(/[{\s]/)[0];
    if (name && wanted.has(name)) kept.push(line);
  }
  return kept.length > 0 ? `${kept.join('\n')}\n` : '';
}

export async function scrapeIngest(url: string, timeoutMs = 1500): Promise<string | null> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return null;
    return selectFamilies(await response.text(), MIRRORED_INGEST_FAMILIES);
  } catch {
    return null;
  }
}
