/**
 * Every match of a global regular expression, without the iterator and regexp copy that String#matchAll makes.
 * Empty matches are skipped.
 */
export function allMatches(pattern: RegExp, text: string): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (match[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    found.push(match);
  }
  return found;
}
