import { z } from 'zod';
import { CATEGORIES, validateWireReport, type Category, type WireReport } from '@app/contracts';

/** One expected incident of a labelled report (SPEC §7). */
export interface ExpectedEvent {
  category: Category;
  source: string;
  target?: string;
  parties?: string[];
  occurredOn?: string;
  fatalities?: number;
  conditional?: boolean;
}

export interface LabelledReport {
  report: WireReport;
  expected: ExpectedEvent[];
}

const ExpectedSchema = z.object({
  category: z.enum(CATEGORIES),
  source: z.string().min(1),
  target: z.string().optional(),
  parties: z.array(z.string()).optional(),
  occurredOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  fatalities: z.number().int().nonnegative().optional(),
  conditional: z.boolean().optional(),
});

/** Parses one NDJSON line of a labelled file; throws with the reason when it is not one. */
export function parseLabelledLine(line: string): LabelledReport {
  const value: unknown = JSON.parse(line);
  if (typeof value !== 'object' || value === null) throw new Error('a labelled line must be a JSON object');
  const { report, expected } = value as { report?: unknown; expected?: unknown };
  const decoded = validateWireReport(report);
  if (!decoded.ok) throw new Error(`report: ${decoded.rejection.message}`);
  const parsed = z.array(ExpectedSchema).safeParse(expected);
  if (!parsed.success) throw new Error(`expected: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  return { report: decoded.report, expected: parsed.data };
}

/** Parses a whole labelled NDJSON text; blank lines are skipped, errors name their line. */
export function parseLabelledFile(text: string): LabelledReport[] {
  const reports: LabelledReport[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim().length === 0) return;
    try {
      reports.push(parseLabelledLine(line));
    } catch (error) {
      throw new Error(`line ${index + 1}: ${(error as Error).message}`);
    }
  });
  return reports;
}
