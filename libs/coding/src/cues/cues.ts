import type { Category } from '@app/contracts';
import cueData from '../dictionaries/cues.json';

export type CueForm =
  | 'active' | 'activeAdjacent' | 'passive' | 'nominal' | 'reciprocal' | 'behind' | 'statement'
  | 'accusedOf' | 'blame' | 'violation' | 'support' | 'compound' | 'agentAfter' | 'accusedStrike' | 'sidesNamed';

/** One place in a sentence where wording signals a category. */
export interface CueMatch {
  category: Category;
  form: CueForm;
  cameo: string;
  goldstein: number;
  start: number;
  end: number;
  text: string;
}

interface CompiledCue {
  category: Category;
  form: CueForm;
  cameo: string;
  goldstein: number;
  pattern: RegExp;
}

const CATEGORY_DEFAULTS = cueData.categories as Record<Category, { cameo: string; goldstein: number }>;
const GOLDSTEIN_BY_CAMEO: Record<string, number> = { '130': -4.4, '138': -7, '036': 4, '046': 7, '040': 1 };

const COMPILED: CompiledCue[] = cueData.cues.map((cue) => {
  const category = cue.category as Category;
  const cameo = (cue as { cameo?: string }).cameo ?? CATEGORY_DEFAULTS[category].cameo;
  return {
    category, form: cue.form as CueForm, cameo,
    goldstein: GOLDSTEIN_BY_CAMEO[cameo] ?? CATEGORY_DEFAULTS[category].goldstein,
    pattern: new RegExp(cue.pattern, 'gi'),
  };
});

/** CAMEO code of a strike from its wording: air and missile 195, artillery 194, else 190. */
export function strikeCameo(text: string): string {
  if (/air|drone|missile|bomb|rocket|jet|warplane/i.test(text)) return '195';
  if (/artillery|shell|mortar|gunfire|fire\b/i.test(text)) return '194';
  return '190';
}

/** Every cue of a sentence; a cue inside a longer one of the same category is dropped. */
export function findCues(text: string): CueMatch[] {
  const found: CueMatch[] = [];
  for (const cue of COMPILED) {
    cue.pattern.lastIndex = 0;
    for (const match of text.matchAll(cue.pattern)) {
      if (match[0].length === 0) continue;
      const start = match.index ?? 0;
      found.push({ category: cue.category, form: cue.form, cameo: cue.cameo, goldstein: cue.goldstein, start, end: start + match[0].length, text: match[0] });
    }
  }
  const kept = found.filter((cue) => !found.some((other) => other !== cue && other.category === cue.category && contains(other, cue)));
  return kept.sort((a, b) => a.start - b.start || b.end - a.end);
}

function contains(outer: CueMatch, inner: CueMatch): boolean {
  if (outer.start <= inner.start && inner.end <= outer.end) {
    if (outer.start === inner.start && outer.end === inner.end) return outer.form < inner.form;
    return true;
  }
  // A noun already covered by a verb phrase ("launched … missiles at") adds nothing.
  return inner.form === 'nominal' && outer.form !== 'nominal' && inner.start < outer.end && outer.start < inner.end;
}
