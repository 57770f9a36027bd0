import { reportLanguage, type WireReport } from '@app/contracts';

/** The coder reads English only; other reports are stored and marked uncoded by the caller. */
export function isCodable(report: WireReport): boolean {
  const language = reportLanguage(report);
  return language === 'en' || language.startsWith('en-');
}
