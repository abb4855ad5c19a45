import type { Finding, FindingsReport } from '../evaluate/finding';
import type { Severity, Status } from '../evaluate/types';

/**
 * findings.ocsf.jsonl: one OCSF 1.1.0 Compliance Finding (class_uid 2003, category Findings 2) per finding, one JSON
 * object a line, for SIEMs and Amazon Security Lake custom sources (which ingest OCSF 1.1.0).
 *
 * Mapping (from the OCSF schema files of v1.1.0: events/findings/compliance_finding.json, finding.json,
 * base_event.json and their objects):
 * - activity_id 1 Create: every run reports what it observed (the lifecycle is kept by Security Hub, not here);
 *   type_uid = class_uid * 100 + activity_id = 200301.
 * - time: when the evidence was collected (epoch ms); metadata.logged_time: when the run finished.
 * - severity_id: the check's severity (5 Critical ... 1 Informational) while the finding fails; a PASS or ERROR is
 *   1 Informational, as in Security Hub. The check's own severity stays in unmapped.check_severity.
 * - status_id (the finding's): 3 Suppressed when a suppression covers it, else 1 New.
 * - compliance: standards ["HIPAA Security Rule (45 CFR Part 164 Subpart C)"], requirements = the HIPAA section
 *   ids, control = the check id, status_id 1 Pass / 3 Fail / 2 Warning (ERROR: "did not yield a result due to
 *   missing information"), status_detail = what was seen.
 * - resource: uid = ARN, name = resource id, type = ASFF type, region (not for global resources), cloud_partition.
 * - cloud: provider AWS, region (the run's home region for global resources), account uid with type_id 10 (AWS Account).
 * - remediation: desc and references [url]; comment: the suppression (reason, expiry, approver, ticket).
 */
export const OCSF_VERSION = '1.1.0';
export const OCSF_CLASS_UID = 2003;
export const OCSF_CATEGORY_UID = 2;
export const OCSF_ACTIVITY_CREATE = 1;
export const HIPAA_STANDARD = 'HIPAA Security Rule (45 CFR Part 164 Subpart C)';
const FINDING_TYPE = 'Software and Configuration Checks/Industry and Regulatory Standards/HIPAA Controls (USA)';

const SEVERITY_IDS: Record<Severity, [number, string]> = {
  critical: [5, 'Critical'],
  high: [4, 'High'],
  medium: [3, 'Medium'],
  low: [2, 'Low'],
  informational: [1, 'Informational'],
};
const COMPLIANCE_STATUS: Record<Status, [number, string]> = { PASS: [1, 'Pass'], ERROR: [2, 'Warning'], FAIL: [3, 'Fail'] };

const ms = (iso: string): number => {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
};

export interface OcsfComplianceFinding {
  activity_id: number;
  activity_name: string;
  category_uid: number;
  category_name: string;
  class_uid: number;
  class_name: string;
  type_uid: number;
  type_name: string;
  time: number;
  timezone_offset: number;
  severity_id: number;
  severity: string;
  status_id: number;
  status: string;
  message: string;
  comment?: string;
  metadata: {
    version: string;
    product: { name: string; vendor_name: string; version: string };
    uid: string;
    logged_time: number;
    log_name: string;
    profiles: string[];
  };
  cloud: { provider: string; region: string; account: { uid: string; type: string; type_id: number } };
  finding_info: {
    uid: string;
    title: string;
    desc: string;
    types: string[];
    last_seen_time: number;
    analytic: { uid: string; name: string; type: string; type_id: number };
  };
  compliance: { standards: string[]; requirements: string[]; control: string; status_id: number; status: string; status_detail: string };
  resource: { uid: string; name: string; type: string; region?: string; cloud_partition: string };
  remediation: { desc: string; references?: string[] };
  unmapped: Record<string, unknown>;
}

function suppressionComment(s: NonNullable<Finding['suppressed']>): string {
  return [
    `Suppressed: ${s.reason}`,
    s.expires ? `until ${s.expires}` : '',
    s.approvedBy ? `approved by ${s.approvedBy}` : '',
    s.ticket ? `ticket ${s.ticket}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}

export function toOcsf(f: Finding, report: Pick<FindingsReport, 'run' | 'tool'>): OcsfComplianceFinding {
  const { run, tool } = report;
  const [severityId, severity] = f.status === 'FAIL' ? SEVERITY_IDS[f.severity] : SEVERITY_IDS.informational;
  const [complianceId, complianceStatus] = COMPLIANCE_STATUS[f.status];
  const global = f.region === 'global';
  return {
    activity_id: OCSF_ACTIVITY_CREATE,
    activity_name: 'Create',
    category_uid: OCSF_CATEGORY_UID,
    category_name: 'Findings',
    class_uid: OCSF_CLASS_UID,
    class_name: 'Compliance Finding',
    type_uid: OCSF_CLASS_UID * 100 + OCSF_ACTIVITY_CREATE,
    type_name: 'Compliance Finding: Create',
    time: ms(run.collectedAt),
    timezone_offset: 0,
    severity_id: severityId,
    severity,
    status_id: f.suppressed ? 3 : 1,
    status: f.suppressed ? 'Suppressed' : 'New',
    message: f.message,
    ...(f.suppressed ? { comment: suppressionComment(f.suppressed) } : {}),
    metadata: {
      version: OCSF_VERSION,
      product: { name: tool.name, vendor_name: tool.name, version: tool.version },
      uid: `${run.id}/${f.id}`,
      logged_time: ms(run.finishedAt),
      log_name: 'findings.ocsf.jsonl',
      profiles: ['cloud'],
    },
    cloud: { provider: 'AWS', region: global ? run.homeRegion : f.region, account: { uid: f.accountId, type: 'AWS Account', type_id: 10 } },
    finding_info: {
      uid: f.id,
      title: f.title,
      desc: f.message,
      types: [FINDING_TYPE],
      last_seen_time: ms(run.collectedAt),
      analytic: { uid: f.checkId, name: f.checkId, type: 'Rule', type_id: 1 },
    },
    compliance: {
      standards: [HIPAA_STANDARD],
      requirements: [...f.hipaa],
      control: f.checkId,
      status_id: complianceId,
      status: complianceStatus,
      status_detail: f.message,
    },
    resource: { uid: f.resource.arn, name: f.resource.id, type: f.resource.type, ...(global ? {} : { region: f.region }), cloud_partition: run.partition },
    remediation: { desc: f.remediation.text, ...(f.remediation.url ? { references: [f.remediation.url] } : {}) },
    unmapped: {
      run_id: run.id,
      check_severity: f.severity,
      finding_status: f.status,
      security_hub_controls: [...f.controls],
      ...(f.suppressed ? { suppression: { ...f.suppressed } } : {}),
    },
  };
}

/** findings.ocsf.jsonl a line at a time. */
export function* ocsfChunks(report: FindingsReport): Generator<string> {
  for (const f of report.findings) yield `${JSON.stringify(toOcsf(f, report))}\n`;
}
