import { MIRRORED_INGEST_FAMILIES, selectFamilies } from './ingest-scrape';

describe("the ingest's series re-exposed by the api", () => {
  it('keeps the reject and outcome families whole and drops everything else', () => {
    const exposition = [
      '# HELP wirewatch_ingest_process_cpu_seconds_total Total CPU',
      '# TYPE wirewatch_ingest_process_cpu_seconds_total counter',
      'wirewatch_ingest_process_cpu_seconds_total 1.5',
      '# HELP wirewatch_ingest_rejects_total Wire reports sent to the dead-letter topic, by reason code',
      '# TYPE wirewatch_ingest_rejects_total counter',
      'wirewatch_ingest_rejects_total{reason="not_json"} 3',
      'wirewatch_ingest_rejects_total{reason="missing_field"} 1',
      '# HELP wirewatch_ingest_reports_total Wire reports handled',
      '# TYPE wirewatch_ingest_reports_total counter',
      'wirewatch_ingest_reports_total{outcome="stored"} 12',
      '',
    ].join('\n');
    expect(selectFamilies(exposition, MIRRORED_INGEST_FAMILIES).split('\n')).toEqual([
      '# HELP wirewatch_ingest_rejects_total Wire reports sent to the dead-letter topic, by reason code',
      '# TYPE wirewatch_ingest_rejects_total counter',
      'wirewatch_ingest_rejects_total{reason="not_json"} 3',
      'wirewatch_ingest_rejects_total{reason="missing_field"} 1',
      '# HELP wirewatch_ingest_reports_total Wire reports handled',
      '# TYPE wirewatch_ingest_reports_total counter',
      'wirewatch_ingest_reports_total{outcome="stored"} 12',
      '',
    ]);
    expect(selectFamilies('', MIRRORED_INGEST_FAMILIES)).toBe('');
  });
});
