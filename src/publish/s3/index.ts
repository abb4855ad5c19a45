/** The S3 publisher: a run's evidence, Athena data, dashboard and the org index. */
export type { S3Target, S3Outcome, AccountFailure } from './types';
export { publishToS3, formatS3Outcome } from './publish';
export { writeOrgIndex } from './org-index';
export { findBucketRegion } from './region';
export { readHistory, HISTORY_RUNS } from './history';
export { S3Layout, normalisePrefix } from './keys';
export { findingRows, summaryRecord, parseSummaryRecord, type FindingRow, type RunSummaryRecord } from './records';
export { CONTENT_TYPES } from './objects';
export { objectLockPlan, writeRunManifest, s3Change, type EvidenceOptions } from './evidence';
