import type { AwsSecurityFinding, ComplianceStatus, Partition, SeverityLabel } from '@aws-sdk/client-securityhub';
import type { Finding, FindingsReport } from '../../evaluate/finding';
import { GLOBAL } from '../../evaluate/results';
import type { Severity, Status } from '../../evaluate/types';
import { TOOL } from '../../tool';
import { LIMITS, nonBlank, truncate } from './limits';

export const SCHEMA_VERSION = '2018-10-08';
/** The ASFF taxonomy's own classifier for HIPAA (namespace/category/classifier). */
export const FINDING_TYPE = 'Software and Configuration Checks/Industry and Regulatory Standards/HIPAA Controls (USA)';
/** Prefix of GeneratorId and of our ProductFields keys: what to filter on in the console. */
export const PRODUCT_PREFIX = TOOL.name;

export type ComplianceValue = Extract<ComplianceStatus, 'PASSED' | 'FAILED' | 'NOT_AVAILABLE'>;

export const COMPLIANCE: Record<Status, ComplianceValue> = { PASS: 'PASSED', FAIL: 'FAILED', ERROR: 'NOT_AVAILABLE' };

export const SEVERITY: Record<Severity, SeverityLabel> = {
  critical: 'CRITICAL',
  high: 'HIGH',
  medium: 'MEDIUM',
  low: 'LOW',
  informational: 'INFORMATIONAL',
};

const PARTITIONS: ReadonlySet<string> = new Set<Partition>(['aws', 'aws-cn', 'aws-us-gov', 'aws-us-iso', 'aws-us-iso-b']);

export type RunContext = Pick<FindingsReport['run'], 'accountId' | 'partition' | 'homeRegion'> & Partial<FindingsReport['run']>;

/** The Security Hub region a finding belongs to: its resource's region, or the home region for global resources. */
export function targetRegion(finding: Pick<Finding, 'region'>, run: Pick<FindingsReport['run'], 'homeRegion'>): string {
  return finding.region === GLOBAL ? run.homeRegion : finding.region;
}

/** The product ARN of an account's own findings: no partner subscription needed. */
export function productArn(partition: string, region: string, accountId: string): string {
  return `arn:${partition}:securityhub:${region}:${accountId}:product/${accountId}/default`;
}

/**
 * Severity label sent: the finding's severity while it fails (its check's, raised for ePHI, or the one its check
 * gave that result); INFORMATIONAL once it passes or could not be judged, as Security Hub's own control findings
 * do and as the ASFF guidance asks. The finding's severity stays in Severity.Original and in ProductFields either
 * way, with the check's own in BaseSeverity where they differ.
 */
export function severityLabel(finding: Pick<Finding, 'status' | 'severity'>): SeverityLabel {
  return finding.status === 'FAIL' ? SEVERITY[finding.severity] : 'INFORMATIONAL';
}

function relatedRequirements(finding: Finding): string[] {
  const items = [...finding.hipaa.map((s) => `HIPAA ${s}`), ...finding.controls.map((c) => `Security Hub ${c}`)]
    .map((r) => truncate(r, LIMITS.relatedRequirement))
    .filter((r) => /\S/.test(r));
  return [...new Set(items)].slice(0, LIMITS.relatedRequirements);
}

function productFields(finding: Finding, run: RunContext): Record<string, string> {
  const fields: Array<[string, string | undefined]> = [
    ['Version', TOOL.version],
    ['CheckId', finding.checkId],
    ['Status', finding.status],
    ['CheckSeverity', finding.severity],
    ['HipaaSections', finding.hipaa.join(', ')],
    ['Controls', finding.controls.join(', ')],
    ['ResourceId', finding.resource.id],
    ['FindingRegion', finding.region],
    ['RunId', run.id],
    // Whether the resource holds ePHI, to filter on in the console (ProductFields key hipaa-posture-auditor/Classification).
    ['Classification', finding.classification],
    ['ClassifiedBy', finding.classifiedBy ? ('tag' in finding.classifiedBy ? `tag ${finding.classifiedBy.tag.key}=${finding.classifiedBy.tag.value}` : `ARN pattern ${finding.classifiedBy.arnPattern}`) : undefined],
    ['BaseSeverity', finding.baseSeverity],
    ['Suppressed', finding.suppressed ? 'true' : undefined],
    ['SuppressionReason', finding.suppressed?.reason],
    ['SuppressionExpires', finding.suppressed?.expires],
    ['SuppressionApprovedBy', finding.suppressed?.approvedBy],
    ['SuppressionTicket', finding.suppressed?.ticket],
  ];
  // ProviderName and ProviderVersion: the names Security Hub's guide for custom integrations recommends.
  const out: Record<string, string> = { ProviderName: TOOL.name, ProviderVersion: TOOL.version };
  for (const [key, value] of fields) {
    if (value === undefined || !/\S/.test(value)) continue;
    if (Object.keys(out).length >= LIMITS.productFields) break;
    out[truncate(`${PRODUCT_PREFIX}/${key}`, LIMITS.productFieldKey)] = truncate(value, LIMITS.productFieldValue);
  }
  return out;
}

/**
 * The resource's tag that classified it (e.g. data-classification=phi), as ASFF resource tags: a tag the resource
 * really carries, so the console's Resource tags filter finds every finding on ePHI tagged that way.
 */
function resourceTags(finding: Finding): { Tags?: Record<string, string> } {
  const by = finding.classifiedBy;
  if (!by || !('tag' in by) || !/\S/.test(by.tag.key)) return {};
  return { Tags: { [truncate(by.tag.key, LIMITS.resourceTagKey)]: truncate(by.tag.value, LIMITS.resourceTagValue) } };
}

/**
 * One finding as an ASFF document for BatchImportFindings. `observed` carries the lifecycle timestamps kept in
 * the publisher's state; `now` becomes UpdatedAt (and LastObservedAt unless given). Workflow is never set: it
 * belongs to the people triaging the finding. SourceUrl is left out: there is no page for a single finding
 * (the remediation link is in Remediation.Recommendation.Url).
 */
export function toAsff(
  finding: Finding,
  run: RunContext,
  observed: { firstObservedAt: string; createdAt: string; now: string; lastObservedAt?: string },
  extra: { recordState?: 'ACTIVE' | 'ARCHIVED' } = {},
): AwsSecurityFinding {
  const region = targetRegion(finding, run);
  const label = severityLabel(finding);
  const original = truncate(finding.severity.toUpperCase(), LIMITS.severityOriginal);
  const types = [FINDING_TYPE];
  const recommendation = truncate(nonBlank(finding.remediation.text, 'See the remediation link.'), LIMITS.recommendationText);
  const requirements = relatedRequirements(finding);
  return {
    SchemaVersion: SCHEMA_VERSION,
    Id: truncate(finding.id, LIMITS.id),
    ProductArn: productArn(run.partition, region, finding.accountId),
    ProductName: truncate(TOOL.name, LIMITS.productName),
    CompanyName: truncate(TOOL.name, LIMITS.companyName),
    GeneratorId: truncate(`${PRODUCT_PREFIX}/${finding.checkId}`, LIMITS.generatorId),
    AwsAccountId: finding.accountId,
    Types: types,
    FirstObservedAt: observed.firstObservedAt,
    LastObservedAt: observed.lastObservedAt ?? observed.now,
    CreatedAt: observed.createdAt,
    UpdatedAt: observed.now,
    Severity: { Label: label, Original: original },
    Title: truncate(nonBlank(finding.title, finding.checkId), LIMITS.title),
    Description: truncate(nonBlank(finding.message, finding.title), LIMITS.description),
    Remediation: {
      Recommendation: { Text: recommendation, ...(finding.remediation.url ? { Url: finding.remediation.url } : {}) },
    },
    ProductFields: productFields(finding, run),
    Resources: [
      {
        Type: truncate(nonBlank(finding.resource.type, 'Other'), LIMITS.resourceType),
        Id: nonBlank(finding.resource.arn, finding.resource.id),
        ...(PARTITIONS.has(run.partition) ? { Partition: run.partition as Partition } : {}),
        Region: truncate(region, LIMITS.resourceRegion),
        ...resourceTags(finding),
      },
    ],
    Compliance: { Status: COMPLIANCE[finding.status], ...(requirements.length ? { RelatedRequirements: requirements } : {}) },
    FindingProviderFields: { Severity: { Label: label, Original: original }, Types: [...types] },
    RecordState: extra.recordState ?? 'ACTIVE',
  };
}
