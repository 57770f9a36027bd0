import type { WireReport } from '@app/contracts';

// Templates of our own (not the evaluation corpus): crises, verbs, dates, figures and third parties vary per report.
const DYADS: Array<[string, string, string, string]> = [
  ['Ethiopia', 'Eritrea', 'Addis Ababa', 'Asmara'], ['Armenia', 'Azerbaijan', 'Yerevan', 'Baku'],
  ['Rwanda', 'the Democratic Republic of Congo', 'Kigali', 'Kinshasa'], ['Thailand', 'Cambodia', 'Bangkok', 'Phnom Penh'],
  ['Russia', 'Ukraine', 'Moscow', 'Kyiv'], ['India', 'Pakistan', 'New Delhi', 'Islamabad'], ['Iran', 'Israel', 'Tehran', 'Jerusalem'],
  ['Venezuela', 'Guyana', 'Caracas', 'Georgetown'], ['Sudan', 'South Sudan', 'Khartoum', 'Juba'], ['Serbia', 'Croatia', 'Belgrade', 'Zagreb'],
];
const MEDIATORS = ['Qatar', 'Turkey', 'China', 'Brazil', 'Kenya', 'Norway', 'Switzerland', 'Egypt', 'Malaysia', 'Saudi Arabia'];
const STRIKES = ['launched drone strikes on', 'shelled army positions in', 'carried out air strikes against militant camps in', 'fired rockets into', 'struck military bases in', 'attacked border posts in'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const WHEN = ['late on', 'early on', 'on', 'before dawn on'];
const FIGURES = ['at least 7', 'more than 20', 'nearly 40', 'three', 'twelve', 'several', 'dozens of', '15'];
const VICTIMS = ['soldiers', 'civilians', 'people', 'militants', 'villagers'];
const STATEMENTS = [
  (a: string, _b: string) => `${a}'s foreign ministry condemned the attack and warned of serious consequences.`,
  (a: string, b: string) => `${a} recalled its ambassador from ${b} and suspended all high-level visits.`,
  (a: string, b: string) => `${a} accused ${b} of harbouring armed groups and violating its airspace.`,
  (a: string, _b: string) => `"We reserve the right to respond at a time of our choosing," a spokesperson for ${a} said.`,
  (_a: string, b: string) => `${b} denied the claims and said its forces had acted in self-defence.`,
];
const THIRD = [
  (m: string) => `${m} urged both sides to exercise restraint and return to dialogue.`,
  (m: string) => `${m} said it was willing to mediate between the two countries if both sides so wish.`,
  (m: string) => `The foreign ministers of the two countries held talks in ${m}'s capital on Friday.`,
  (m: string) => `Both governments agreed to a ceasefire brokered by ${m}.`,
];
const FILLER = [
  'The region has seen repeated clashes over a disputed stretch of the border.',
  'Analysts said the escalation risked drawing in neighbouring states.',
  'Humanitarian agencies reported that thousands of residents had fled the area.',
  'The two countries have fought several wars since independence in 1947.',
];

/** A small deterministic PRNG (mulberry32) so every run codes the same reports. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateReports(count: number, seed = 42): WireReport[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const reports: WireReport[] = [];
  for (let i = 0; i < count; i++) {
    const [a, b, capitalA, capitalB] = pick(DYADS);
    const [actor, other] = next() < 0.5 ? [a, b] : [b, a];
    const mediator = pick(MEDIATORS);
    const paragraphs = [
      `${capitalA.toUpperCase()}, (Bench Wire) - ${actor} ${pick(STRIKES)} ${other} ${pick(WHEN)} ${pick(DAYS)}, killing ${pick(FIGURES)} ${pick(VICTIMS)}, officials in ${other === a ? capitalA : capitalB} said.`,
      pick(STATEMENTS)(other, actor),
      pick(STATEMENTS)(actor, other),
      pick(FILLER),
      pick(THIRD)(mediator),
      pick(FILLER),
    ];
    const day = String(1 + (i % 28)).padStart(2, '0');
    reports.push({ reportId: `bench-${i}`, source: 'Bench Wire', publishedAt: `2026-03-${day}T10:00:00+03:00`, headline: `${actor} strikes ${other}`, body: paragraphs.join('\n\n'), language: 'en' });
  }
  return reports;
}
