/** The AWS Security Hub publisher: a run's findings as ASFF, kept true run after run. */
export { COMPLIANCE, FINDING_TYPE, productArn, SEVERITY, severityLabel, targetRegion, toAsff } from './asff';
export { planBatches, TokenBucket } from './batch';
export { LIMITS, truncate } from './limits';
export { formatOutcome, planImports, publishToSecurityHub, saveChanges, type PlannedImport, type SecurityHubOptions, type SecurityHubOutcome } from './publish';
export { emptyState, mergeState, type SecurityHubState, type StateEntry } from './state';
export { localStateStore, reportStateStore, s3StateStore, type LocalStoreOptions, type S3StateLocation, type StateStore } from './store';
