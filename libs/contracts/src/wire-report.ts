import { z } from 'zod';

export const MAX_REPORT_BYTES = 1024 * 1024;
export const REPORT_ID_PATTERN = /^[A-Za-z0-9._:-]{1,200}$/;
const ISO_INSTANT_WITH_OFFSET =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** SPEC §2 WireReport. Unknown fields are kept (loose object), never rejected. */
export const WireReportSchema = z.looseObject({
  reportId: z.string().regex(REPORT_ID_PATTERN, 'must be 1–200 characters of [A-Za-z0-9._:-]'),
  source: z.string().min(1).max(200),
  publishedAt: z
    .string()
    .regex(ISO_INSTANT_WITH_OFFSET, 'must be an ISO-8601 date-time with an offset or Z')
    .refine((value) => !Number.isNaN(Date.parse(value)), 'is not a real date-time'),
  body: z.string().min(1).max(100_000),
  headline: z.string().optional(),
  language: z.string().min(2).max(35).optional(),
  url: z.string().optional(),
  supersedes: z.string().regex(REPORT_ID_PATTERN, 'must be a report id').optional(),
});

export type WireReport = z.infer<typeof WireReportSchema>;

export type WireReportRejectionCode =
  | 'not_utf8'
  | 'not_json'
  | 'too_large'
  | 'missing_field'
  | 'wrong_type'
  | 'invalid_value'
  | 'conflicting_duplicate';

export interface WireReportRejection {
  code: WireReportRejectionCode;
  message: string;
  fields: string[];
}

export type DecodeResult =
  | { ok: true; report: WireReport }
  | { ok: false; rejection: WireReportRejection };

/** Language of a report, with SPEC's default. */
export const reportLanguage = (report: WireReport): string => (report.language ?? 'en').toLowerCase();

export function validateWireReport(value: unknown): DecodeResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return reject('wrong_type', 'a WireReport must be a JSON object', []);
  }
  const parsed = WireReportSchema.safeParse(value);
  if (parsed.success) return { ok: true, report: parsed.data };
  const issues = parsed.error.issues;
  const fields = [...new Set(issues.map((issue) => issue.path.join('.') || '(root)'))];
  const missing = issues.filter((issue) => issue.code === 'invalid_type' && (value as Record<string, unknown>)[String(issue.path[0])] === undefined);
  const wrongType = issues.filter((issue) => issue.code === 'invalid_type');
  const code: WireReportRejectionCode = missing.length > 0 ? 'missing_field' : wrongType.length > 0 ? 'wrong_type' : 'invalid_value';
  const message = issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${describeIssue(issue, value)}`).join('; ');
  return reject(code, message, fields);
}

/** Decodes raw Kafka bytes: size, UTF-8, JSON, then the schema. */
export function decodeWireReport(bytes: Uint8Array | null): DecodeResult {
  if (bytes === null || bytes.length === 0) return reject('not_json', 'message value is empty', []);
  if (bytes.length > MAX_REPORT_BYTES) {
    return reject('too_large', `message is ${bytes.length} bytes, the limit is ${MAX_REPORT_BYTES}`, []);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return reject('not_utf8', 'message value is not valid UTF-8', []);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return reject('not_json', `message value is not JSON: ${(error as Error).message}`, []);
  }
  if (containsNul(value)) {
    return reject('invalid_value', 'message contains a NUL character (\\u0000), which cannot be stored', []);
  }
  return validateWireReport(value);
}

function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.code === 'invalid_type' && (value as Record<string, unknown>)[String(issue.path[0])] === undefined) {
    return 'is required';
  }
  return issue.message;
}

function reject(code: WireReportRejectionCode, message: string, fields: string[]): DecodeResult {
  return { ok: false, rejection: { code, message, fields } };
}

/** PostgreSQL text and jsonb cannot hold U+0000, so a report carrying it could never be stored. */
function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNul);
  if (value !== null && typeof value === 'object') return Object.values(value).some(containsNul);
  return false;
}
