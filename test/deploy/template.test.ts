import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import supplement from '../../iam/securityaudit-supplement-policy.json';
import { CHECKS } from '../../checks';
import { DEFAULT_CONFIG } from '../../src/config/types';
import { evaluate } from '../../src/evaluate/evaluate';
import { INVENTORY_SCHEMA_VERSION, ok, readsOfServices, type Inventory, type KmsKey, type S3Bucket } from '../../src/inventory/types';
import { S3Layout } from '../../src/publish/s3/keys';
import { NOT_RETRIED } from '../../src/lambda/errors';
import { readDdl } from './ddl';
import { asList, FAKE, identityStatements, props, resolve, resource, resourcesOf, ROOT, serverlessPackage, type Json, type Packaged, type Statement, type Template } from './cfn';

// Packages the service once per mode (the templates differ), then asserts over the generated CloudFormation.
let single: Packaged;
let org: Packaged;
const SIGN_KEY = 'arn:aws:kms:us-east-1:111122223333:key/5678abcd-12ab-34cd-56ef-1234567890ab';
const ORG_PARAMS = { mode: 'organization', externalId: 'ext-id-for-tests', accountConcurrency: '35', objectLock: 'true', failOn: 'critical', signKeyArn: SIGN_KEY };

beforeAll(async () => {
  single = await serverlessPackage();
  org = await serverlessPackage(ORG_PARAMS);
}, 180_000);
afterAll(() => {
  for (const p of [single, org]) if (p) rmSync(p.dir, { recursive: true, force: true });
});

const functionsOf = (t: Template) => resourcesOf(t, 'AWS::Lambda::Function');

describe('the functions', () => {
  it('run on a supported Node runtime (nodejs22.x by default) on arm64, with the measured memory and timeout, and each handler exists', () => {
    for (const t of [single.template, org.template]) {
      for (const [, fn] of functionsOf(t)) {
        const p = fn.Properties as Record<string, any>;
        expect(p.Runtime).toBe('nodejs22.x');
        expect(p.Architectures).toEqual(['arm64']);
        const file = join(ROOT, `${String(p.Handler).replace(/\.handler$/, '')}.ts`);
        expect(existsSync(file)).toBe(true);
        expect(p.Role).toEqual({ 'Fn::GetAtt': ['AuditorRole', 'Arn'] });
      }
    }
    expect(props(single.template, 'AuditLambdaFunction')).toMatchObject({ MemorySize: 2048, Timeout: 900 });
    expect(props(org.template, 'CollectRegionsLambdaFunction')).toMatchObject({ MemorySize: 512, Timeout: 600 });
    expect(props(org.template, 'FinishAccountLambdaFunction')).toMatchObject({ MemorySize: 2048, Timeout: 300 });
    expect(functionsOf(single.template).map(([id]) => id)).toEqual(['AuditLambdaFunction']);
    expect(functionsOf(org.template).map(([id]) => id).sort()).toEqual(
      ['CollectRegionsLambdaFunction', 'FinishAccountLambdaFunction', 'ListAccountsLambdaFunction', 'PlanAccountLambdaFunction', 'SummarizeRunLambdaFunction'],
    );
  });

  it('are packaged individually as one small bundled file each (no node_modules)', () => {
    for (const { dir, template } of [single, org]) {
      for (const [id] of functionsOf(template)) {
        const zip = join(dir, `${id.replace(/LambdaFunction$/, '').replace(/^./, (c) => c.toLowerCase())}.zip`);
        expect(existsSync(zip)).toBe(true);
        expect(statSync(zip).size).toBeLessThan(2 * 1024 * 1024);
        expect(readFileSync(zip).toString('latin1')).not.toContain('node_modules/');
      }
    }
  });

  it('carry the deployment settings in their environment', () => {
    const env = props(single.template, 'AuditLambdaFunction').Environment.Variables;
    expect(env).toMatchObject({
      REPORT_BUCKET: { Ref: 'ReportBucket' },
      REPORT_KMS_KEY_ARN: { 'Fn::GetAtt': ['ReportKey', 'Arn'] },
      REPORT_PREFIX: 'hipaa-audit',
      AUDIT_REGIONS: 'all',
      AUDIT_SCOPE: 'all',
      FAIL_ON: 'high',
      SECURITY_HUB: 'true',
      POWERTOOLS_SERVICE_NAME: 'hipaa-posture-auditor-test',
      POWERTOOLS_METRICS_NAMESPACE: 'HipaaPostureAuditor',
    });
    const orgEnv = props(org.template, 'CollectRegionsLambdaFunction').Environment.Variables;
    expect(orgEnv).toMatchObject({ MEMBER_ROLE_NAME: 'HipaaAuditor', EXTERNAL_ID: 'ext-id-for-tests', WORK_BUCKET: { Ref: 'WorkBucket' }, REGIONS_PER_INVOCATION: '6', FAIL_ON: 'critical', SIGN_KEY_ARN: SIGN_KEY });
    expect(env.SIGN_KEY_ARN).toBe('');
  });
});

describe('single-account mode', () => {
  it('runs the audit on the daily schedule', () => {
    const rules = resourcesOf(single.template, 'AWS::Events::Rule');
    expect(rules).toHaveLength(1);
    const rule = rules[0]![1].Properties as Record<string, any>;
    expect(rule.ScheduleExpression).toBe('rate(1 day)');
    expect(rule.State).toBe('ENABLED');
    expect(rule.Targets[0].Arn).toEqual({ 'Fn::GetAtt': ['AuditLambdaFunction', 'Arn'] });
  });

  it('sends a failed scheduled invocation to the encrypted failure queue after one retry, and alarms', () => {
    const config = props(single.template, 'AuditLambdaEvConf');
    expect(config.MaximumRetryAttempts).toBe(1);
    expect(config.DestinationConfig.OnFailure.Destination).toEqual({ 'Fn::GetAtt': ['FailureQueue', 'Arn'] });
    expect(props(single.template, 'FailureQueue').SqsManagedSseEnabled).toBe(true);
    const alarm = props(single.template, 'AuditErrorsAlarm');
    expect(alarm).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'Errors', Dimensions: [{ Name: 'FunctionName', Value: 'hipaa-posture-auditor-test-audit' }], Threshold: 1 });
    expect(props(single.template, 'AuditLambdaFunction').FunctionName).toBe('hipaa-posture-auditor-test-audit');
    expect(alarm.AlarmActions).toEqual([{ Ref: 'AlarmTopic' }]);
    expect(props(single.template, 'FailureQueueAlarm').MetricName).toBe('ApproximateNumberOfMessagesVisible');
  });

  it('alarms on the metric the handlers emit for failures at or above the threshold', () => {
    for (const t of [single.template, org.template]) {
      const alarm = props(t, 'FailuresAtOrAboveThresholdAlarm');
      const env = props(t, functionsOf(t)[0]![0]).Environment.Variables;
      expect(alarm).toMatchObject({
        Namespace: env.POWERTOOLS_METRICS_NAMESPACE,
        MetricName: 'FailuresAtOrAboveThreshold',
        Dimensions: [{ Name: 'service', Value: env.POWERTOOLS_SERVICE_NAME }],
        Statistic: 'Sum',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      });
    }
    expect(props(org.template, 'FailuresAtOrAboveThresholdAlarm').AlarmName).toContain('critical');
  });

  it('alarms on an incomplete audit (the CLI exit code 4), which allowIncomplete relaxes in the handlers', () => {
    for (const t of [single.template, org.template]) {
      const alarm = props(t, 'IncompleteAuditAlarm');
      const env = props(t, functionsOf(t)[0]![0]).Environment.Variables;
      expect(alarm).toMatchObject({
        Namespace: env.POWERTOOLS_METRICS_NAMESPACE,
        MetricName: 'IncompleteAudit',
        Dimensions: [{ Name: 'service', Value: env.POWERTOOLS_SERVICE_NAME }],
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [{ Ref: 'AlarmTopic' }],
      });
      expect(env.ALLOW_INCOMPLETE).toBe('false');
    }
  });
});

interface AslState {
  Type: string;
  Next?: string;
  End?: boolean;
  Resource?: string;
  Parameters?: Record<string, Json>;
  Retry?: Array<{ ErrorEquals: string[]; MaxAttempts?: number; BackoffRate?: number; IntervalSeconds?: number; JitterStrategy?: string }>;
  Catch?: Array<{ ErrorEquals: string[]; Next: string; ResultPath?: string }>;
  ItemProcessor?: { ProcessorConfig: { Mode: string; ExecutionType?: string }; StartAt: string; States: Record<string, AslState> };
  [key: string]: unknown;
}
interface Asl {
  StartAt: string;
  States: Record<string, AslState>;
  TimeoutSeconds?: number;
}

/** Every state is reachable, every transition lands on a state, and each state ends or moves on. */
function assertWellFormed(asl: Asl): void {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    const state = asl.States[name];
    if (!state) throw new Error(`transition to a missing state ${name}`);
    seen.add(name);
    if (!state.End && !state.Next && !['Succeed', 'Fail', 'Choice'].includes(state.Type)) throw new Error(`${name} neither ends nor moves on`);
    if (state.Next) visit(state.Next);
    for (const c of state.Catch ?? []) visit(c.Next);
    if (state.ItemProcessor) assertWellFormed(state.ItemProcessor);
  };
  visit(asl.StartAt);
  expect([...seen].sort()).toEqual(Object.keys(asl.States).sort());
}

describe('organization mode: the state machine', () => {
  let asl: Asl;
  let accounts: AslState;
  let perAccount: Record<string, AslState>;
  beforeAll(() => {
    asl = props(org.template, 'OrganizationAuditStateMachine').Definition as Asl;
    accounts = asl.States.Accounts as AslState;
    perAccount = accounts.ItemProcessor!.States;
  });

  it('is well formed, with every placeholder substituted and every task on one of our functions', () => {
    assertWellFormed(asl);
    const sm = props(org.template, 'OrganizationAuditStateMachine');
    const text = JSON.stringify(sm.Definition);
    const placeholders = new Set([...text.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]));
    expect([...placeholders].sort()).toEqual(Object.keys(sm.DefinitionSubstitutions).sort());
    const fns = new Set(functionsOf(org.template).map(([id]) => id));
    for (const fn of ['ListAccounts', 'PlanAccount', 'CollectRegions', 'FinishAccount', 'SummarizeRun']) {
      const target = sm.DefinitionSubstitutions[fn] as { 'Fn::GetAtt': [string, string] };
      expect(fns.has(target['Fn::GetAtt'][0])).toBe(true);
    }
    expect(asl.TimeoutSeconds).toBeGreaterThan(0);
  });

  it('fans out over the account list in S3 with a Distributed Map of bounded concurrency, results written to S3', () => {
    expect(asl.StartAt).toBe('ListAccounts');
    expect(asl.States.ListAccounts!.Next).toBe('Accounts');
    expect(accounts.Type).toBe('Map');
    expect(accounts.ItemProcessor!.ProcessorConfig).toEqual({ Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' });
    expect(accounts.MaxConcurrency).toBe(35); // --param accountConcurrency=35, as a number
    expect(accounts.ItemReader).toMatchObject({ Resource: 'arn:${Partition}:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' }, Parameters: { Bucket: '${WorkBucket}', 'Key.$': '$.accountsKey' } });
    expect(accounts.ResultWriter).toMatchObject({ Resource: 'arn:${Partition}:states:::s3:putObject', Parameters: { Bucket: '${WorkBucket}' } });
    expect(accounts.ToleratedFailurePercentage).toBe(100);
    expect(accounts.Next).toBe('Summarize');
    expect((asl.States.Summarize!.Parameters!.Payload as Record<string, string>)['results.$']).toBe(accounts.ResultPath);
  });

  it('retries every task with backoff (but not errors a retry cannot fix) and catches per account', () => {
    const tasks: Array<[string, AslState]> = [];
    const collect = (states: Record<string, AslState>) => {
      for (const [name, s] of Object.entries(states)) {
        if (s.Type === 'Task') tasks.push([name, s]);
        if (s.ItemProcessor) collect(s.ItemProcessor.States);
      }
    };
    collect(asl.States);
    expect(tasks.map(([n]) => n).sort()).toEqual(['Collect', 'FinishAccount', 'ListAccounts', 'PlanAccount', 'Summarize']);
    for (const [, task] of tasks) {
      const retriers = task.Retry ?? [];
      const all = retriers.find((r) => r.ErrorEquals.includes('States.ALL'));
      expect(all).toMatchObject({ MaxAttempts: 3, BackoffRate: 2, JitterStrategy: 'FULL' });
      expect(retriers.indexOf(all!)).toBe(retriers.length - 1);
      expect(retriers[0]).toEqual({ ErrorEquals: expect.arrayContaining([...NOT_RETRIED]), MaxAttempts: 0 });
    }
    // Inside an account, every step that can fail is caught into AccountFailed, which ends the item normally.
    for (const step of ['PlanAccount', 'CollectRegions', 'FinishAccount']) {
      expect(perAccount[step]!.Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'AccountFailed' }]);
    }
    expect(perAccount.AccountFailed).toMatchObject({ Type: 'Pass', End: true, Parameters: { status: 'failed', 'account.$': '$.account', 'error.$': '$.error.Error', 'cause.$': '$.error.Cause' } });
  });

  it('splits an account by region: an inline Map of bounded concurrency over the plan\'s chunks, then one finish step', () => {
    expect(perAccount.PlanAccount!.Next).toBe('CollectRegions');
    const map = perAccount.CollectRegions!;
    expect(map).toMatchObject({ Type: 'Map', ItemsPath: '$.chunks', ResultPath: '$.partials', Next: 'FinishAccount' });
    expect(map.ItemProcessor!.ProcessorConfig.Mode).toBe('INLINE');
    expect(map.MaxConcurrency).toBeGreaterThan(0);
    // Only S3 keys travel: the collect step's result is reduced to its key, the finish step's to a few fields.
    expect(map.ItemProcessor!.States.Collect!.ResultSelector).toEqual({ 'key.$': '$.Payload.key' });
    expect(Object.keys(perAccount.FinishAccount!.ResultSelector as object).sort()).toEqual(['account.$', 'latestReportKey.$', 'status.$']);
  });

  it('may start its child executions and read and write only the run folder of the work bucket', () => {
    const statements = identityStatements(org.template).filter((s) => s.role === 'StateMachineRole').map((s) => s.statement);
    const byAction = (a: string) => statements.filter((s) => asList(s.Action).includes(a));
    expect(byAction('states:StartExecution')[0]!.Resource).toBe(`arn:aws:states:us-east-1:${FAKE.account}:stateMachine:hipaa-posture-auditor-test-organization-audit`);
    expect(props(org.template, 'OrganizationAuditStateMachine').StateMachineName).toBe('hipaa-posture-auditor-test-organization-audit');
    expect(byAction('s3:PutObject')[0]!.Resource).toBe('arn:aws:s3:::test-workbucket/runs/*');
    expect(byAction('lambda:InvokeFunction')[0]!.Resource).toHaveLength(5);
    expect(props(org.template, 'OrganizationAuditStateMachine').Definition.States.Accounts.ResultWriter.Parameters.Prefix).toMatch(/^runs\//);
  });

  it('is started by the schedule, whose failures go to the failure queue, and alarms when a run fails', () => {
    expect(resourcesOf(org.template, 'AWS::Events::Rule')).toHaveLength(1);
    const rule = props(org.template, 'ScheduleRule');
    expect(rule.ScheduleExpression).toBe('rate(1 day)');
    expect(rule.Targets[0]).toMatchObject({ Arn: { Ref: 'OrganizationAuditStateMachine' }, DeadLetterConfig: { Arn: { 'Fn::GetAtt': ['FailureQueue', 'Arn'] } } });
    const queuePolicy = resolve(org.template, props(org.template, 'FailureQueuePolicy').PolicyDocument) as unknown as { Statement: Statement[] };
    expect(queuePolicy.Statement.find((s) => s.Effect === 'Allow')).toMatchObject({ Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage', Condition: { ArnEquals: { 'aws:SourceArn': 'test-schedulerule.Arn' } } });
    const alarm = props(org.template, 'ExecutionsFailedAlarm');
    const metrics = (alarm.Metrics as Array<{ MetricStat?: { Metric: { MetricName: string; Dimensions: unknown } } }>).flatMap((m) => (m.MetricStat ? [m.MetricStat.Metric] : []));
    expect(metrics.map((m) => m.MetricName)).toEqual(['ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted']);
    for (const m of metrics) expect(m.Dimensions).toEqual([{ Name: 'StateMachineArn', Value: { Ref: 'OrganizationAuditStateMachine' } }]);
    expect(props(org.template, 'AccountsFailedAlarm')).toMatchObject({ MetricName: 'AccountsFailed', Namespace: 'HipaaPostureAuditor' });
  });
});

describe('least privilege', () => {
  const WRITE = /^(s3:(Put|Delete|Abort|Restore|Replicate|Create)|kms:(Encrypt|GenerateDataKey|ReEncrypt|Create|Put|Schedule|Disable)|securityhub:(Batch|Create|Update|Delete)|sqs:Send|logs:(Create|Put)|sts:AssumeRole|lambda:Invoke|states:(Start|Stop))/;

  it('grants no wildcard action, and no write on a wildcard resource', () => {
    for (const t of [single.template, org.template]) {
      const statements = identityStatements(t);
      expect(statements.length).toBeGreaterThan(5);
      for (const { role, statement } of statements) {
        expect(statement.Effect).toBe('Allow');
        for (const action of asList(statement.Action)) {
          expect(`${role}: ${action}`).not.toMatch(/\*/);
          if (WRITE.test(action)) for (const r of asList(statement.Resource)) expect(`${role}: ${action} on ${r}`).not.toMatch(/ on \*$/);
        }
        // The only statements on "*" are reads without resource-level permissions.
        if (asList(statement.Resource).includes('*')) for (const action of asList(statement.Action)) expect(action).toMatch(/^(\w+):(List|Get|Describe)/);
      }
    }
  });

  it('lets the auditor write only under the report prefix, use only the report key, and import only its own findings', () => {
    for (const [t, mode] of [[single.template, 'single'], [org.template, 'organization']] as const) {
      const statements = identityStatements(t).filter((s) => s.role === 'AuditorRole').map((s) => s.statement);
      const actions = statements.flatMap((s) => asList(s.Action));
      const on = (action: string) => statements.filter((s) => asList(s.Action).includes(action)).flatMap((s) => asList(s.Resource));
      expect(on('s3:PutObject').filter((r) => r.includes('reportbucket'))).toEqual(['arn:aws:s3:::test-reportbucket/hipaa-audit/*']);
      expect(on('s3:PutObject').every((r) => r === 'arn:aws:s3:::test-reportbucket/hipaa-audit/*' || r === 'arn:aws:s3:::test-workbucket/runs/*')).toBe(true);
      expect(on('s3:GetObject')).toEqual(on('s3:PutObject'));
      // A large report goes up in parts; a failed upload's parts are cleaned up under the same prefix only.
      expect(on('s3:AbortMultipartUpload').filter((r) => r.includes('reportbucket'))).toEqual(['arn:aws:s3:::test-reportbucket/hipaa-audit/*']);
      for (const list of statements.filter((s) => asList(s.Action).includes('s3:ListBucket'))) {
        expect(Object.values(list.Condition?.StringLike ?? {})).toEqual([expect.arrayContaining([expect.stringMatching(/^(hipaa-audit|runs)\/\*$/)])]);
      }
      expect(on('kms:GenerateDataKey')).toEqual([`arn:aws:kms:us-east-1:${FAKE.account}:key/ReportKey`]);
      expect(on('kms:Decrypt')).toEqual(on('kms:GenerateDataKey'));
      expect(on('securityhub:BatchImportFindings')).toEqual([`arn:aws:securityhub:*:${FAKE.account}:product/${FAKE.account}/default`]);
      expect(on('logs:PutLogEvents')).toEqual([`arn:aws:logs:us-east-1:${FAKE.account}:log-group:/aws/lambda/hipaa-posture-auditor-test-*:*`]);
      expect(on('s3:GetBucketObjectLockConfiguration')).toEqual(on('s3:GetBucketLocation'));
      if (mode === 'organization') {
        // signKeyArn given: signing with that key, and no other.
        expect(on('kms:Sign')).toEqual([SIGN_KEY]);
        expect(on('kms:GetPublicKey')).toEqual([SIGN_KEY]);
        expect(on('sts:AssumeRole')).toEqual(['arn:aws:iam::*:role/HipaaAuditor']);
        expect(on('organizations:ListAccounts')).toEqual(['*']);
        expect(actions).not.toContain('sqs:SendMessage');
      } else {
        expect(actions).not.toContain('sts:AssumeRole');
        expect(actions).not.toContain('kms:Sign');
        expect(actions).not.toContain('organizations:ListAccounts');
        expect(on('sqs:SendMessage')).toEqual([`arn:aws:sqs:us-east-1:${FAKE.account}:test-failurequeue`]);
      }
      // Reads: the managed SecurityAudit policy plus the supplement, verbatim.
      const role = props(t, 'AuditorRole');
      expect(role.ManagedPolicyArns).toEqual([{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/SecurityAudit' }]);
      expect(role.Policies.find((p: { PolicyName: string }) => p.PolicyName === 'securityaudit-supplement').PolicyDocument).toEqual(supplement);
      expect(role.AssumeRolePolicyDocument.Statement).toEqual([{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
      const allowed = new Set([
        'logs:CreateLogStream', 'logs:PutLogEvents', 's3:PutObject', 's3:GetObject', 's3:AbortMultipartUpload', 's3:ListBucket', 's3:GetBucketLocation',
        'kms:GenerateDataKey', 'kms:Decrypt', 'securityhub:BatchImportFindings', 'sqs:SendMessage', 'organizations:ListAccounts', 'sts:AssumeRole',
        's3:GetBucketObjectLockConfiguration', 'kms:Sign', 'kms:GetPublicKey',
        ...supplement.Statement.flatMap((s) => s.Action),
      ]);
      expect(actions.filter((a) => !allowed.has(a))).toEqual([]);
    }
  });
});

describe('the report bucket', () => {
  it('is encrypted with the rotating customer key, versioned, private, TLS-only, logged, and keeps evidence six years', () => {
    for (const t of [single.template, org.template]) {
      const bucket = props(t, 'ReportBucket');
      expect(resource(t, 'ReportBucket')).toMatchObject({ DeletionPolicy: 'Retain' });
      expect(bucket.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([
        { ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': ['ReportKey', 'Arn'] } }, BucketKeyEnabled: true },
      ]);
      expect(props(t, 'ReportKey').EnableKeyRotation).toBe(true);
      expect(bucket.VersioningConfiguration).toEqual({ Status: 'Enabled' });
      expect(bucket.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
      expect(bucket.LoggingConfiguration.DestinationBucketName).toEqual({ Ref: 'AccessLogBucket' });
      for (const id of ['ReportBucket', 'AccessLogBucket']) {
        const rules = props(t, id).LifecycleConfiguration.Rules as Array<Record<string, any>>;
        for (const rule of rules.filter((r) => r.Status === 'Enabled')) {
          if (rule.ExpirationInDays !== undefined) expect(rule.ExpirationInDays).toBeGreaterThanOrEqual(2190);
          if (rule.NoncurrentVersionExpiration) expect(rule.NoncurrentVersionExpiration.NoncurrentDays).toBeGreaterThanOrEqual(2190);
          expect(rule.Transitions ?? []).toEqual([]);
        }
        expect(rules.some((r) => r.ExpirationInDays === 2190 && r.NoncurrentVersionExpiration?.NoncurrentDays === 2190)).toBe(true);
      }
    }
  });

  it('denies every request without TLS, to every bucket of the stack and its objects', () => {
    for (const t of [single.template, org.template]) {
      const policies = resourcesOf(t, 'AWS::S3::BucketPolicy');
      expect(policies.map(([, p]) => (p.Properties!.Bucket as { Ref: string }).Ref).sort()).toEqual(resourcesOf(t, 'AWS::S3::Bucket').map(([id]) => id).sort());
      for (const [, policy] of policies) {
        const bucketArn = `arn:aws:s3:::${resolve(t, policy.Properties!.Bucket as Json) as string}`;
        const doc = resolve(t, policy.Properties!.PolicyDocument as Json) as unknown as { Statement: Statement[] };
        const deny = doc.Statement.find((s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] !== undefined);
        expect(deny).toMatchObject({ Principal: '*', Action: 's3:*' });
        expect(String(deny!.Condition!.Bool!['aws:SecureTransport'])).toBe('false');
        expect(asList(deny!.Resource).sort()).toEqual([bucketArn, `${bucketArn}/*`]);
      }
    }
  });

  it('sends access logs to a separate bucket that is itself encrypted, versioned, private and TLS-only', () => {
    const log = props(single.template, 'AccessLogBucket');
    expect(log.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    expect(log.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(Object.values(log.PublicAccessBlockConfiguration)).toEqual([true, true, true, true]);
    expect(log.LoggingConfiguration).toBeUndefined();
  });

  it('has Object Lock only when asked, with the retention as its default', () => {
    expect(props(single.template, 'ReportBucket').ObjectLockEnabled).toBe(false);
    expect(props(single.template, 'ReportBucket').ObjectLockConfiguration).toEqual({ Ref: 'AWS::NoValue' });
    expect(props(org.template, 'ReportBucket').ObjectLockEnabled).toBe(true);
    expect(props(org.template, 'ReportBucket').ObjectLockConfiguration).toEqual({ ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 2190 } } });
  });
});

describe('the Athena tables', () => {
  const TABLES = [['AthenaFindingsTable', 'findings.sql'], ['AthenaRunSummariesTable', 'summaries.sql']] as const;
  /** The DDL's placeholder bucket and prefix, and where the packaged stack writes (pretend bucket name, default prefix). */
  const PLACEHOLDER = 's3://amzn-s3-demo-bucket/hipaa/';
  const deployed = (ddlLocation: string) => ddlLocation.replace(PLACEHOLDER, 's3://test-reportbucket/hipaa-audit/');

  it('live in a Glue database of the stack named after the service and stage, in both modes', () => {
    for (const t of [single.template, org.template]) {
      expect(resourcesOf(t, 'AWS::Glue::Database').map(([id]) => id)).toEqual(['AthenaDatabase']);
      expect(props(t, 'AthenaDatabase')).toMatchObject({ CatalogId: { Ref: 'AWS::AccountId' }, DatabaseInput: { Name: 'hipaa_posture_auditor_test' } });
      expect(resourcesOf(t, 'AWS::Glue::Table').map(([id]) => id).sort()).toEqual(TABLES.map(([id]) => id).sort());
      expect(t.Outputs?.AthenaDatabaseName?.Value).toEqual({ Ref: 'AthenaDatabase' });
    }
  });

  it('are the tables of athena/*.sql: name, columns in order with types and comments, partition keys, SerDe', () => {
    for (const t of [single.template, org.template]) {
      for (const [id, file] of TABLES) {
        const ddl = readDdl(file);
        const p = props(t, id);
        expect(p.CatalogId).toEqual({ Ref: 'AWS::AccountId' });
        expect(p.DatabaseName).toEqual({ Ref: 'AthenaDatabase' });
        expect(p.TableInput.Name).toBe(ddl.name);
        expect(p.TableInput.TableType).toBe('EXTERNAL_TABLE');
        expect(p.TableInput.StorageDescriptor.Columns).toEqual(ddl.columns);
        expect(p.TableInput.PartitionKeys).toEqual(ddl.partitionKeys);
        expect(p.TableInput.StorageDescriptor.SerdeInfo).toEqual({ SerializationLibrary: ddl.serde });
        expect(p.TableInput.StorageDescriptor.InputFormat).toBe('org.apache.hadoop.mapred.TextInputFormat');
        expect(p.TableInput.StorageDescriptor.OutputFormat).toBe('org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat');
      }
    }
    // The DDL read is not vacuous: every column, the comments, the nested types, the partitions and the SerDe.
    const [findings, summaries] = [readDdl('findings.sql'), readDdl('summaries.sql')];
    expect([findings.name, findings.columns.length, summaries.name, summaries.columns.length]).toEqual(['hipaa_findings', 31, 'hipaa_run_summaries', 46]);
    expect(summaries.columns).toContainEqual({ Name: 'coverage', Type: 'double', Comment: 'findings judged (PASS, FAIL) / all findings in percent; null when there was none' });
    expect(findings.columns.at(-5)).toMatchObject({ Name: 'evidence_collected_at', Type: 'string' });
    expect(findings.columns.at(-4)).toMatchObject({ Name: 'classification', Type: 'string' });
    expect(findings.columns.at(-1)).toMatchObject({ Name: 'suppression_ticket', Type: 'string' });
    expect(summaries.columns.at(-2)).toMatchObject({ Name: 'gone_failures', Type: 'int' });
    expect(summaries.columns.at(-1)).toMatchObject({ Name: 'unread', Type: 'array<struct<service:string,operation:string,code:string,regions:array<string>,reads:int,permission:string,fix:string>>' });
    expect(findings.columns).toContainEqual({ Name: 'suppressed', Type: 'boolean', Comment: 'a FAIL covered by a suppression (left out of the score)' });
    expect(summaries.columns).toContainEqual({ Name: 'top_failing_checks', Type: 'array<struct<check_id:string,title:string,severity:string,failed:int>>' });
    expect(findings.partitionKeys).toEqual([{ Name: 'account', Type: 'string' }, { Name: 'date', Type: 'string' }]);
    expect(findings.serde).toBe('org.openx.data.jsonserde.JsonSerDe');
  });

  it("read the report bucket under the prefix, with the DDL's projection, this account (single) or injected accounts (organization)", () => {
    const accounts = [
      [single.template, { 'projection.account.type': 'enum', 'projection.account.values': FAKE.account }],
      [org.template, { 'projection.account.type': 'injected' }],
    ] as const;
    for (const [t, accountProjection] of accounts) {
      for (const [id, file] of TABLES) {
        const ddl = readDdl(file);
        const input = resolve(t, props(t, id).TableInput as Json) as Record<string, any>;
        expect(input.StorageDescriptor.Location).toBe(deployed(ddl.location));
        const { 'projection.account.values': _values, ...fixed } = ddl.properties;
        expect(input.Parameters).toEqual({
          EXTERNAL: 'TRUE',
          ...fixed,
          ...accountProjection,
          'projection.date.range': '2025-01-01,NOW',
          'storage.location.template': deployed(ddl.properties['storage.location.template']!),
        });
        expect(input.Parameters).toMatchObject({ 'projection.enabled': 'true', 'projection.date.type': 'date', 'projection.date.format': 'yyyy-MM-dd' });
      }
    }
    expect(props(single.template, 'AthenaFindingsTable').TableInput.Parameters['projection.account.values']).toEqual({ Ref: 'AWS::AccountId' });
  });

  it('project the partitions onto the keys the functions write, in the bucket they write to', () => {
    for (const t of [single.template, org.template]) {
      const env = props(t, functionsOf(t)[0]![0]).Environment.Variables;
      const keys = new S3Layout(env.REPORT_PREFIX).run(FAKE.account, 'run-1', '2026-06-01T12:00:00.000Z');
      for (const [id, key] of [['AthenaFindingsTable', keys.findingsData], ['AthenaRunSummariesTable', keys.summary]] as const) {
        const input = resolve(t, props(t, id).TableInput as Json) as Record<string, any>;
        const folder = (input.Parameters['storage.location.template'] as string).replace('${account}', FAKE.account).replace('${date}', '2026-06-01');
        const object = `s3://${resolve(t, env.REPORT_BUCKET) as string}/${key}`;
        expect(object.startsWith(folder)).toBe(true);
        expect(object.slice(folder.length)).not.toContain('/');
        expect(folder.startsWith(input.StorageDescriptor.Location)).toBe(true);
      }
    }
  });
});

/** The stack's buckets and key as the collectors would have read them after deployment. */
function stackInventory(t: Template): { inventory: Inventory; arns: Set<string> } {
  const arns = new Set<string>();
  const buckets: S3Bucket[] = resourcesOf(t, 'AWS::S3::Bucket').map(([id, r]) => {
      const p = resolve(t, r.Properties as Json) as Record<string, any>;
      const name = resolve(t, { Ref: id }) as string;
      const arn = `arn:aws:s3:::${name}`;
      arns.add(arn);
      const policy = resourcesOf(t, 'AWS::S3::BucketPolicy').find(([, bp]) => (bp.Properties!.Bucket as { Ref: string }).Ref === id);
      const sse = p.BucketEncryption?.ServerSideEncryptionConfiguration as Array<Record<string, any>> | undefined;
      return {
        name,
        arn,
        region: FAKE.region,
        publicAccessBlock: ok(
          p.PublicAccessBlockConfiguration
            ? {
                blockPublicAcls: p.PublicAccessBlockConfiguration.BlockPublicAcls === true,
                ignorePublicAcls: p.PublicAccessBlockConfiguration.IgnorePublicAcls === true,
                blockPublicPolicy: p.PublicAccessBlockConfiguration.BlockPublicPolicy === true,
                restrictPublicBuckets: p.PublicAccessBlockConfiguration.RestrictPublicBuckets === true,
              }
            : null,
        ),
        policy: ok(policy ? JSON.stringify(resolve(t, policy[1].Properties!.PolicyDocument as Json)) : null),
        policyStatus: ok(null),
        // BucketOwnerEnforced: ACLs are disabled, the owner holds the only grant.
        acl: ok({ ownerId: 'owner', grants: [{ granteeType: 'CanonicalUser', id: 'owner', permission: 'FULL_CONTROL' }] }),
        encryption: ok(
          sse
            ? {
                rules: sse.map((rule) => ({
                  sseAlgorithm: rule.ServerSideEncryptionByDefault.SSEAlgorithm,
                  ...(rule.ServerSideEncryptionByDefault.KMSMasterKeyID ? { kmsMasterKeyId: rule.ServerSideEncryptionByDefault.KMSMasterKeyID } : {}),
                  ...(rule.BucketKeyEnabled !== undefined ? { bucketKeyEnabled: rule.BucketKeyEnabled } : {}),
                })),
              }
            : null,
        ),
        versioning: ok({ status: (p.VersioningConfiguration?.Status ?? 'Disabled') as 'Enabled', mfaDelete: false }),
      };
    });
  const keys: KmsKey[] = resourcesOf(t, 'AWS::KMS::Key').map(([id, r]) => {
    const arn = resolve(t, { 'Fn::GetAtt': [id, 'Arn'] }) as string;
    arns.add(arn);
    const alias = resourcesOf(t, 'AWS::KMS::Alias').find(([, a]) => (a.Properties!.TargetKeyId as { Ref: string }).Ref === id);
    return {
      keyId: id,
      arn,
      manager: 'CUSTOMER',
      state: 'Enabled',
      spec: (r.Properties!.KeySpec as string) ?? 'SYMMETRIC_DEFAULT',
      origin: 'AWS_KMS',
      aliases: alias ? [alias[1].Properties!.AliasName as string] : [],
      rotation: ok({ enabled: r.Properties!.EnableKeyRotation === true }),
    };
  });
  const inventory: Inventory = {
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    tool: { name: 'hipaa-posture-auditor', version: 'test' },
    accountId: FAKE.account,
    partition: 'aws',
    homeRegion: FAKE.region,
    regions: [FAKE.region],
    collectedAt: '2026-06-01T00:00:00.000Z',
    services: ['s3', 'kms'],
    reads: readsOfServices(['s3', 'kms']),
    errors: [],
    s3: { accountPublicAccessBlock: ok(null), buckets: ok(buckets) },
    kms: { [FAKE.region]: { keys: ok(keys) } },
  };
  return { inventory, arns };
}

describe('the deployed stack passes its own audit', () => {
  const audit = (t: Template) => {
    const { inventory, arns } = stackInventory(t);
    const checks = CHECKS.filter((c) => c.reads.every((r) => r.startsWith('s3.') || r.startsWith('kms.')));
    const { findings } = evaluate(inventory, checks, DEFAULT_CONFIG, new Date('2026-06-01T00:00:00Z'));
    return findings.filter((f) => arns.has(f.resource.arn));
  };

  it('no FAIL on the buckets and the key it creates, in either mode', () => {
    for (const t of [single.template, org.template]) {
      const findings = audit(t);
      const buckets = resourcesOf(t, 'AWS::S3::Bucket').length;
      const bucketChecks = CHECKS.filter((c) => c.id.startsWith('s3.bucket-')).length;
      const keyChecks = CHECKS.filter((c) => c.id.startsWith('kms.')).length;
      // Every bucket judged by every bucket check, and the key by every KMS check: none vacuous.
      expect(findings).toHaveLength(buckets * bucketChecks + keyChecks);
      expect(findings.filter((f) => f.status !== 'PASS').map((f) => `${f.checkId} ${f.resource.id}: ${f.message}`)).toEqual([]);
    }
    expect(new Set(audit(org.template).map((f) => f.resource.id))).toEqual(new Set(['test-serverlessdeploymentbucket', 'test-reportbucket', 'test-accesslogbucket', 'test-workbucket', 'ReportKey']));
  });

  it('would fail if the template lost its TLS statement or its key rotation (the translation is not vacuous)', () => {
    const broken: Template = JSON.parse(JSON.stringify(single.template));
    const doc = broken.Resources.ReportBucketPolicy!.Properties!.PolicyDocument as { Statement: unknown[] };
    doc.Statement = doc.Statement.filter((s) => (s as Statement).Sid !== 'DenyInsecureTransport');
    doc.Statement.push({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::x/*' });
    (broken.Resources.ReportKey!.Properties as Record<string, unknown>).EnableKeyRotation = false;
    const failing = audit(broken).filter((f) => f.status === 'FAIL').map((f) => `${f.checkId} ${f.resource.id}`);
    expect(failing.sort()).toEqual(['kms.key-rotation ReportKey', 's3.bucket-tls-only test-reportbucket']);
  });
});
