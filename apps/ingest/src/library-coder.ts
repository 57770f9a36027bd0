import { code, CODER_VERSION, isCodable } from '@app/coding';
import { ReportCoder } from './report-ingestor';

/** Binds the ingest's coder port to the pure coding library. */
export const libraryCoder: ReportCoder = { version: CODER_VERSION, isCodable, code };
