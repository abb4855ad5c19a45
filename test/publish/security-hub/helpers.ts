import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BatchImportFindingsCommand,
  type AwsSecurityFinding,
  type BatchImportFindingsCommandInput,
  type SecurityHubClientResolvedConfig,
  type ServiceInputTypes,
  type ServiceOutputTypes,
} from '@aws-sdk/client-securityhub';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { AwsStub } from 'aws-sdk-client-mock';
import { AwsContext } from '../../../src/aws/context';
import { findingId } from '../../../src/evaluate/evaluate';
import type { Finding, FindingsReport } from '../../../src/evaluate/finding';
import { summarize } from '../../../src/evaluate/summary';
import type { Severity, Status } from '../../../src/evaluate/types';
import { localStateStore } from '../../../src/publish/security-hub';
import type { AuditRun } from '../../../src/run-audit';
import { inventory } from '../../support/inventory';

export const ACCOUNT = '111122223333';
export const T0 = '2026-06-01T12:00:00.000Z';
export const T1 = '2026-06-02T12:00:00.000Z';
export const T2 = '2026-06-03T12:00:00.000Z';

export const at = (iso: string) => () => new Date(iso);
export const noSleep = async (): Promise<void> => undefined;

export function awsContext(): AwsContext {
  return new AwsContext({ credentials: async () => ({ accessKeyId: 'AKIATEST', secretAccessKey: 'test' }) });
}

export function tempFile(name = 'security-hub.json'): string {
  return join(mkdtempSync(join(tmpdir(), 'sh-state-')), ACCOUNT, name);
}

export function tempStore() {
  const file = tempFile();
  return { file, store: localStateStore(file, { sleep: noSleep }) };
}

const RESOURCE_TYPE: Record<string, string> = { s3: 'AwsS3Bucket', iam: 'AwsIamUser', ec2: 'AwsEc2Volume', rds: 'AwsRdsDbInstance' };

/** A finding as evaluate() builds it, with its real deterministic id. */
export function finding(p: {
  checkId?: string;
  region?: string;
  resource?: string;
  status?: Status;
  severity?: Severity;
  message?: string;
  suppressed?: Finding['suppressed'];
}): Finding {
  const checkId = p.checkId ?? 's3.bucket-versioning';
  const region = p.region ?? 'us-east-1';
  const name = p.resource ?? 'phi-records';
  const service = checkId.split('.')[0] as string;
  const arn = service === 'iam' ? `arn:aws:iam::${ACCOUNT}:user/${name}` : service === 's3' ? `arn:aws:s3:::${name}` : `arn:aws:${service}:${region}:${ACCOUNT}:thing/${name}`;
  const resource = { type: RESOURCE_TYPE[service] ?? 'Other', id: name, arn };
  return {
    id: findingId(checkId, ACCOUNT, region, arn),
    checkId,
    title: `title of ${checkId}`,
    status: p.status ?? 'FAIL',
    severity: p.severity ?? 'high',
    accountId: ACCOUNT,
    region,
    resource,
    message: p.message ?? `${name} judged by ${checkId}`,
    hipaa: ['164.312(a)(1)'],
    controls: ['S3.14'],
    remediation: { text: 'Fix it.', url: 'https://docs.aws.amazon.com/securityhub/' },
    ...(p.suppressed ? { suppressed: p.suppressed } : {}),
  };
}

/** The account's own resource: what a check reports on when it could not read a service. */
export function accountError(checkId: string, region: string): Finding {
  const arn = `AWS::::Account:${ACCOUNT}`;
  return {
    ...finding({ checkId, region, status: 'ERROR' }),
    id: findingId(checkId, ACCOUNT, region, arn),
    resource: { type: 'AwsAccount', id: ACCOUNT, arn },
    message: `could not read ${checkId.split('.')[0]}: AccessDenied`,
  };
}

/** A run of `findings`; scope defaults to their checks and regions. */
export function auditRun(findings: Finding[], scope: { checks?: string[]; regions?: string[]; homeRegion?: string; startedAt?: string; classification?: 'ephi' } = {}): AuditRun {
  const regions = scope.regions ?? [...new Set(findings.map((f) => f.region).filter((r) => r !== 'global'))].sort();
  const report: FindingsReport = {
    schemaVersion: '1.0',
    tool: { name: 'hipaa-posture-auditor', version: 'test' },
    run: {
      id: `run-${scope.startedAt ?? T0}`,
      startedAt: scope.startedAt ?? T0,
      finishedAt: scope.startedAt ?? T0,
      collectedAt: scope.startedAt ?? T0,
      accountId: ACCOUNT,
      partition: 'aws',
      homeRegion: scope.homeRegion ?? 'us-east-1',
      regions: regions.length ? regions : ['us-east-1'],
      checks: scope.checks ?? [...new Set(findings.map((f) => f.checkId))],
      source: 'live',
      apiCalls: { total: 0, attempts: 0, retries: 0, byService: {} },
      ...(scope.classification ? { scope: scope.classification } : {}),
    },
    summary: summarize(findings, []),
    findings,
  };
  return { report, inventory: inventory() };
}

type SecurityHubStub = AwsStub<ServiceInputTypes, ServiceOutputTypes, SecurityHubClientResolvedConfig>;

/** The region a BatchImportFindings call went to, read from its findings' product ARN. */
export function regionOf(input: BatchImportFindingsCommandInput): string {
  return input.Findings?.[0]?.ProductArn?.split(':')[3] ?? 'unknown';
}

/** Every BatchImportFindings call the mock received, by region. */
export function importCalls(sh: SecurityHubStub): Array<{ region: string; findings: AwsSecurityFinding[]; bytes: number }> {
  return sh.commandCalls(BatchImportFindingsCommand).map((c) => {
    const input = c.args[0].input as BatchImportFindingsCommandInput;
    const region = regionOf(input);
    return { region, findings: input.Findings ?? [], bytes: Buffer.byteLength(JSON.stringify({ Findings: input.Findings }), 'utf8') };
  });
}

/** All ASFF documents imported, last one per id and region. */
export function imported(sh: SecurityHubStub): Map<string, AwsSecurityFinding> {
  const out = new Map<string, AwsSecurityFinding>();
  for (const call of importCalls(sh)) for (const f of call.findings) out.set(`${f.Id}@${f.ProductArn?.split(':')[3]}`, f);
  return out;
}

export const ALLOWED_TYPES_PREFIX = 'Software and Configuration Checks/Industry and Regulatory Standards/';

/**
 * The required ASFF fields and the service's limits, as a JSON schema (maxLength counts code points; byte limits
 * are asserted separately).
 */
export const ASFF_SCHEMA = {
  type: 'object',
  required: ['SchemaVersion', 'Id', 'ProductArn', 'GeneratorId', 'AwsAccountId', 'CreatedAt', 'UpdatedAt', 'Title', 'Description', 'Resources', 'Severity', 'Types', 'FindingProviderFields'],
  not: { anyOf: [{ required: ['Workflow'] }, { required: ['WorkflowState'] }, { required: ['Region'] }, { required: ['UserDefinedFields'] }, { required: ['Note'] }] },
  properties: {
    SchemaVersion: { const: '2018-10-08' },
    Id: { type: 'string', minLength: 1, maxLength: 512, pattern: '\\S' },
    ProductArn: { type: 'string', pattern: '^arn:aws(?:-[a-z-]+)?:securityhub:[a-z]{2}(?:-[a-z]+)+-\\d+:(\\d{12}):product/\\1/default$' },
    ProductName: { type: 'string', minLength: 1, maxLength: 128 },
    CompanyName: { type: 'string', minLength: 1, maxLength: 128 },
    GeneratorId: { type: 'string', minLength: 1, maxLength: 512, pattern: '^hipaa-posture-auditor/' },
    AwsAccountId: { type: 'string', pattern: '^\\d{12}$' },
    Types: { type: 'array', minItems: 1, maxItems: 50, items: { type: 'string', pattern: `^${ALLOWED_TYPES_PREFIX}` } },
    FirstObservedAt: { type: 'string', format: 'date-time' },
    LastObservedAt: { type: 'string', format: 'date-time' },
    CreatedAt: { type: 'string', format: 'date-time' },
    UpdatedAt: { type: 'string', format: 'date-time' },
    Severity: {
      type: 'object',
      required: ['Label'],
      properties: { Label: { enum: ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] }, Original: { type: 'string', minLength: 1, maxLength: 64 } },
    },
    Title: { type: 'string', minLength: 1, maxLength: 256, pattern: '\\S' },
    Description: { type: 'string', minLength: 1, maxLength: 1024, pattern: '\\S' },
    Remediation: {
      type: 'object',
      required: ['Recommendation'],
      properties: {
        Recommendation: { type: 'object', required: ['Text'], properties: { Text: { type: 'string', minLength: 1, maxLength: 512 }, Url: { type: 'string', format: 'uri' } } },
      },
    },
    ProductFields: {
      type: 'object',
      maxProperties: 50,
      propertyNames: { maxLength: 128, pattern: '^(hipaa-posture-auditor/[A-Za-z]+|ProviderName|ProviderVersion)$' },
      additionalProperties: { type: 'string', minLength: 1, maxLength: 2048 },
    },
    Resources: {
      type: 'array',
      minItems: 1,
      maxItems: 32,
      items: {
        type: 'object',
        required: ['Type', 'Id'],
        properties: {
          Type: { type: 'string', minLength: 1, maxLength: 256, pattern: '^(Aws[A-Za-z0-9]+|Other)$' },
          Id: { type: 'string', minLength: 1 },
          Partition: { enum: ['aws', 'aws-cn', 'aws-us-gov'] },
          Region: { type: 'string', minLength: 1, maxLength: 16 },
        },
      },
    },
    Compliance: {
      type: 'object',
      required: ['Status'],
      properties: {
        Status: { enum: ['PASSED', 'FAILED', 'NOT_AVAILABLE'] },
        RelatedRequirements: { type: 'array', maxItems: 32, items: { type: 'string', minLength: 1, maxLength: 128 } },
      },
    },
    FindingProviderFields: {
      type: 'object',
      required: ['Severity', 'Types'],
      properties: {
        Severity: { type: 'object', required: ['Label'], properties: { Label: { enum: ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] } } },
        Types: { type: 'array', minItems: 1, maxItems: 50 },
      },
    },
    RecordState: { enum: ['ACTIVE', 'ARCHIVED'] },
  },
} as const;

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(ASFF_SCHEMA);

/** Schema errors of an ASFF document, plus the byte limits JSON Schema cannot express. */
export function asffErrors(doc: AwsSecurityFinding): string[] {
  const errors = validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  const bytes = (s: string | undefined, max: number, what: string) => {
    if (s !== undefined && Buffer.byteLength(s, 'utf8') > max) errors.push(`${what} is ${Buffer.byteLength(s, 'utf8')} bytes > ${max}`);
  };
  bytes(doc.Title, 256, 'Title');
  bytes(doc.Description, 1024, 'Description');
  bytes(doc.Remediation?.Recommendation?.Text, 512, 'Recommendation.Text');
  for (const r of doc.Compliance?.RelatedRequirements ?? []) bytes(r, 128, 'RelatedRequirement');
  for (const [k, v] of Object.entries(doc.ProductFields ?? {})) {
    bytes(k, 128, 'ProductFields key');
    bytes(v, 2048, `ProductFields ${k}`);
  }
  if (Buffer.byteLength(JSON.stringify(doc), 'utf8') > 240 * 1024) errors.push('finding over 240 KB');
  for (const s of [doc.Title, doc.Description, doc.Remediation?.Recommendation?.Text, ...Object.values(doc.ProductFields ?? {})]) {
    if (s !== undefined && /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s)) errors.push(`lone surrogate in ${s.slice(-20)}`);
  }
  return errors;
}
