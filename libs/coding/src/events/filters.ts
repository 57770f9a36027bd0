import type { Token } from '../text/tokenize';
import { tokenIndexAt } from '../text/tokenize';
import { allMatches } from '../text/matches';

const MODAL = new Set("would|could|might|may|if|unless|any|plan|plans|planned|planning|threaten|threatened|threatens|threatening|vow|vowed|vows|warn|warned|warns|will|should|ready|consider|considering|considered|not|no|never|deny|denied|denies|denying|without|nor|neither|rather|possible|possibly|potential|prevent|avoid|deter|fear|feared|fears|risk|risks|n't|nothing|none|paused|pause|halted|halt|stopped|stop|suspended|ended|ceased|end|cease|prepared|willing|offer|offered|offers|propose|proposed|proposes|ready|hope|hopes|hoped|urge|urged|urges|calls|called".split('|'));
const NEGATION = new Set(['not', "n't", 'no', 'never', 'neither', 'nor', 'denied', 'denies', 'deny', 'none', 'nothing', 'without']);
const HISTORY = /\b(?:in|since|during|of|between|by|from|until)\s+(?:the\s+)?(1[89]\d\d|20\d\d)s?\b|\b(1[89]\d\d|20\d\d)\s*[-–]\s*\d{2,4}\b/g;

function windowBefore(tokens: readonly Token[], position: number, size: number): Token[] {
  const end = tokenIndexAt(tokens, position);
  const window: Token[] = [];
  for (let i = end - 1; i >= Math.max(0, end - size); i--) {
    const token = tokens[i];
    if (token.kind === 'punct' && /[,;:"“”]/.test(token.text)) break;
    window.push(token);
  }
  return window;
}

/** A hypothetical, future, negated or denied act ("would not join any counterstrike", "vowed to strike"). */
export function isUnrealised(tokens: readonly Token[], position: number): boolean {
  const previous = tokens[tokenIndexAt(tokens, position) - 1];
  if (previous?.lower === 'to') return true;
  return windowBefore(tokens, position, 8).some((token) => MODAL.has(token.lower));
}

/** A negated statement ("had not come up in any talks"). */
export function isNegated(tokens: readonly Token[], position: number): boolean {
  return windowBefore(tokens, position, 6).some((token) => NEGATION.has(token.lower));
}

/** Background from earlier years ("have fought three wars since 1947"). */
export function isHistory(text: string, publishedYear: number): boolean {
  if (!/\d{4}/.test(text)) return false;
  for (const match of allMatches(HISTORY, text)) if (Number(match[1] ?? match[2]) < publishedYear) return true;
  return false;
}

/** "called for a ceasefire": the word names what is asked for, not what was agreed. */
export function isRequested(text: string, position: number): boolean {
  const before = text.slice(Math.max(0, position - 60), position);
  return /\b(?:call(?:ed|s|ing)?\s+(?:for|on)|urg\w+|appeal\w*|push\w*\s+for|demand\w*|press\w*\s+for|seek\w*|sought|propos\w*|hopes?\s+for|no|not|rejected|reject\w*|violat\w*|breach\w*|offer\w*|help\w*|(?:to|help)\s+broker\w*|ready|willing|prepared|would|could|depend\w*|any|ruled out|possible|potential)\b[^.;]*$/i.test(before);
}

const CONDITION = /\b(?:if|provided(?: that)?|as long as|so long as|on condition that|should)\s+[^,.;"“”]{2,80}/gi;
const CONDITION_HEADS = /\b(?:wish|wishes|wished|agree|agrees|agreed|request|requests|requested|want|wants|wanted|ask|asks|asked|accept|accepts|accepted|consent|consents|invite|invites|invited|desire|desired|need|needed|necessary|willing|both sides|the two sides|the parties|so)\b/i;

/** Conditional phrases of an offer ("if both sides so wish"). */
export function findConditions(text: string): string[] {
  const found: string[] = [];
  for (const match of allMatches(CONDITION, text)) {
    const phrase = match[0].trim();
    if (CONDITION_HEADS.test(phrase)) found.push(phrase);
  }
  return found;
}
