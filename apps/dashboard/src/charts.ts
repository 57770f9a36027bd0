// Hand-written SVG charts: a sparkline, the level ladder over time and the decayed index with incidents on the timeline.
import { clampLevel, dateOfDay, dayNumber, esc, formatCategory, levelLabel, shortDate } from './format';
import type { Incident, LevelChange } from './types';

const fmt = (value: number) => (Math.round(value * 10) / 10).toString();

/** A small line of the index over time, scaled to its own range (flat when there is no variation). */
export function sparkline(values: readonly number[], label: string): string {
  const w = 96;
  const h = 24;
  if (values.length === 0) return '';
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? w / (values.length - 1) : w;
  const points = values.map((value, i) => `${fmt(i * step)},${fmt(h - 2 - (Math.max(0, value) / max) * (h - 4))}`).join(' ');
  const last = points.split(' ').pop()!.split(',');
  return (
    `<svg class="spark" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${esc(label)}">` +
    `<polyline points="${points}" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round"/>` +
    `<circle cx="${last[0]}" cy="${last[1]}" r="2.2" fill="currentColor"/></svg>`
  );
}

export const LEVEL_COLOURS = ['#8a9bb0', '#4fb3e8', '#e8c547', '#f39237', '#f0575c', '#e58df2'];

const CATEGORY_COLOURS: Record<string, string> = {
  STRIKE: '#f0575c',
  THREAT: '#f39237',
  DIPLOMATIC_SANCTION: '#e8c547',
  ACCUSATION: '#d9b8ff',
  CONDEMNATION: '#d9b8ff',
  APPEAL_FOR_RESTRAINT: '#7fd1b9',
  MEDIATION_OFFER: '#5fd38d',
  MEDIATION_ACCEPTED: '#5fd38d',
  MEDIATION_REJECTED: '#ff9eb1',
  MEDIATION: '#5fd38d',
  TALKS: '#4fb3e8',
  CEASEFIRE: '#ffffff',
};
export const categoryColour = (category: string): string => CATEGORY_COLOURS[category] ?? '#cccccc';

/** Goldstein weights of SPEC §3, for incidents the API sends without one. */
const GOLDSTEIN: Record<string, number> = {
  STRIKE: -10,
  THREAT: -7,
  DIPLOMATIC_SANCTION: -4,
  ACCUSATION: -2,
  CONDEMNATION: -2,
  APPEAL_FOR_RESTRAINT: -0.3,
  MEDIATION_OFFER: 5,
  MEDIATION_ACCEPTED: 7,
  MEDIATION_REJECTED: -5,
  MEDIATION: 5,
  TALKS: 4,
  CEASEFIRE: 9,
};

/** SPEC §4 index on each day of [fromDay, toDay]: −Goldstein of every incident up to that day, halved every 7 days. */
export function indexSeries(incidents: readonly Incident[], fromDay: number, toDay: number): number[] {
  const dated = incidents.map((incident) => ({ day: dayNumber(incident.occurredOn), weight: -(incident.goldstein ?? GOLDSTEIN[incident.category] ?? 0) }));
  const series: number[] = [];
  for (let day = fromDay; day <= toDay; day++) {
    let sum = 0;
    for (const incident of dated) if (incident.day <= day) sum += incident.weight * Math.pow(0.5, (day - incident.day) / 7);
    series.push(sum);
  }
  return series;
}

interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  fromDay: number;
  toDay: number;
}

const xOf = (frame: Frame, day: number) => frame.left + ((day - frame.fromDay) / Math.max(1, frame.toDay - frame.fromDay)) * (frame.width - frame.left - frame.right);

function dateTicks(frame: Frame): string {
  const span = frame.toDay - frame.fromDay;
  const every = span > 120 ? 30 : span > 45 ? 14 : 7;
  let ticks = '';
  for (let day = frame.toDay; day >= frame.fromDay; day -= every) {
    const x = fmt(xOf(frame, day));
    ticks += `<line x1="${x}" x2="${x}" y1="${frame.top}" y2="${frame.height - frame.bottom}" class="grid"/>`;
    ticks += `<text x="${x}" y="${frame.height - frame.bottom + 16}" text-anchor="${day === frame.toDay ? 'end' : 'middle'}" class="tick">${esc(shortDate(dateOfDay(day)).replace(/ \d{4}$/, ''))}</text>`;
  }
  return ticks;
}

/** The level as steps over time, each step in its level's colour. */
export function levelChart(history: readonly LevelChange[], fromDay: number, toDay: number, title: string): string {
  const frame: Frame = { width: 800, height: 210, left: 150, right: 12, top: 10, bottom: 24, fromDay, toDay };
  const plotH = frame.height - frame.top - frame.bottom;
  const yOf = (level: number) => frame.top + plotH - (level / 5) * plotH;
  const changes = [...history].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  let levelAtStart = 0;
  const inRange: Array<{ day: number; level: number }> = [];
  for (const change of changes) {
    const day = dayNumber(change.at);
    if (day <= fromDay) levelAtStart = clampLevel(change.level);
    else if (day <= toDay) inRange.push({ day, level: clampLevel(change.level) });
  }
  const segments = [{ day: fromDay, level: levelAtStart }, ...inRange];
  let bars = '';
  let path = '';
  segments.forEach((segment, i) => {
    const endDay = i + 1 < segments.length ? segments[i + 1].day : toDay + 1;
    const x1 = xOf(frame, segment.day);
    const x2 = Math.min(xOf(frame, endDay), frame.width - frame.right);
    const y = yOf(segment.level);
    if (segment.level > 0) bars += `<rect x="${fmt(x1)}" y="${fmt(y)}" width="${fmt(Math.max(0.5, x2 - x1))}" height="${fmt(frame.top + plotH - y)}" fill="${LEVEL_COLOURS[segment.level]}" opacity="0.85"/>`;
    path += `${i === 0 ? 'M' : 'L'}${fmt(x1)},${fmt(y)} L${fmt(x2)},${fmt(y)} `;
  });
  let axis = '';
  for (let level = 0; level <= 5; level++) {
    const y = fmt(yOf(level));
    axis += `<line x1="${frame.left}" x2="${frame.width - frame.right}" y1="${y}" y2="${y}" class="grid"/>`;
    axis += `<text x="${frame.left - 8}" y="${y}" dy="4" text-anchor="end" class="tick">${level} ${esc(levelLabel(level))}</text>`;
  }
  const described = [`level ${levelAtStart} on ${shortDate(dateOfDay(fromDay))}`, ...inRange.map((s) => `level ${s.level} from ${shortDate(dateOfDay(s.day))}`)].join(', ');
  return (
    `<svg class="chart" viewBox="0 0 ${frame.width} ${frame.height}" role="img" aria-label="${esc(`${title}: ${described}`)}">` +
    axis + dateTicks(frame) + bars + `<path d="${path}" fill="none" stroke="#f4f6f8" stroke-width="2"/></svg>`
  );
}

/** The decayed index as a line, with each incident as a mark on the timeline below it. */
export function indexChart(incidents: readonly Incident[], fromDay: number, toDay: number, title: string): string {
  const frame: Frame = { width: 800, height: 230, left: 150, right: 12, top: 10, bottom: 50, fromDay, toDay };
  const series = indexSeries(incidents, fromDay, toDay);
  const max = Math.max(1, ...series);
  const plotBottom = frame.height - frame.bottom - 26;
  const plotH = plotBottom - frame.top;
  const yOf = (value: number) => plotBottom - (Math.max(0, value) / max) * plotH;
  const line = series.map((value, i) => `${i === 0 ? 'M' : 'L'}${fmt(xOf(frame, fromDay + i))},${fmt(yOf(value))}`).join(' ');
  const area = `${line} L${fmt(xOf(frame, toDay))},${plotBottom} L${fmt(xOf(frame, fromDay))},${plotBottom} Z`;
  let axis = '';
  for (const fraction of [0, 0.5, 1]) {
    const y = fmt(yOf(max * fraction));
    axis += `<line x1="${frame.left}" x2="${frame.width - frame.right}" y1="${y}" y2="${y}" class="grid"/>`;
    axis += `<text x="${frame.left - 8}" y="${y}" dy="4" text-anchor="end" class="tick">${fmt(max * fraction)}</text>`;
  }
  const laneY = plotBottom + 14;
  axis += `<text x="${frame.left - 8}" y="${laneY}" dy="4" text-anchor="end" class="tick">incidents</text>`;
  const perDay = new Map<number, number>();
  let marks = '';
  for (const incident of incidents) {
    const day = dayNumber(incident.occurredOn);
    if (day < fromDay || day > toDay) continue;
    const stack = perDay.get(day) ?? 0;
    perDay.set(day, stack + 1);
    const x = fmt(xOf(frame, day));
    const y = fmt(laneY - stack * 7);
    const direction = incident.target ? `${incident.source}→${incident.target}` : (incident.parties ?? []).join(', ');
    marks +=
      `<circle cx="${x}" cy="${y}" r="4.5" fill="${categoryColour(incident.category)}" stroke="#0d1117" stroke-width="1">` +
      `<title>${esc(`${shortDate(incident.occurredOn)}: ${formatCategory(incident.category)} ${direction}`)}</title></circle>`;
    if (incident.category === 'STRIKE') marks += `<line x1="${x}" x2="${x}" y1="${frame.top}" y2="${plotBottom}" class="strike-rule"/>`;
  }
  const last = series[series.length - 1] ?? 0;
  return (
    `<svg class="chart" viewBox="0 0 ${frame.width} ${frame.height}" role="img" aria-label="${esc(`${title}: ${fmt(last)} on ${shortDate(dateOfDay(toDay))}, peak ${fmt(max)}; ${incidents.length} incidents`)}">` +
    axis + dateTicks({ ...frame, bottom: frame.bottom - 26 }) +
    `<path d="${area}" class="index-area"/><path d="${line}" fill="none" class="index-line" stroke-width="2"/>` + marks + `</svg>`
  );
}
