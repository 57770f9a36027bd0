import { validateEnvironment } from '@app/config';

/**
 * The topic is bound when the consumer's decorator is evaluated, before Nest's config module exists, so it is
 * read from the validated environment here (tests run the app against their own uniquely named topics).
 */
export const wireReportsTopic = (): string => validateEnvironment(process.env).WIRE_REPORTS_TOPIC;
