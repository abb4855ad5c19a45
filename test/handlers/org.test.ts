import { DescribeRegionsCommand, GetEbsEncryptionByDefaultCommand } from '@aws-sdk/client-ec2';
import { GenerateCredentialReportCommand } from '@aws-sdk/client-iam';
import { ListAccountsCommand, OrganizationsClient, type Account } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, type AssumeRoleCommandInput } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsContext } from '../../src/aws/context';
import { DEFAULT_CONFIG } from '../../src/config/types';
import type { FindingsReport } from '../../src/evaluate/finding';
import { createCollectRegionsHandler, type PartialInventory } from '../../src/handlers/org/collect-regions';
import { createFinishAccountHandler, type FinishResult } from '../../src/handlers/org/finish-account';
import { createListAccountsHandler } from '../../src/handlers/org/list-accounts';
import { createPlanAccountHandler, type PlanResult } from '../../src/handlers/org/plan-account';
import { createSummarizeRunHandler } from '../../src/handlers/org/summarize-run';
import type { OrgAccount } from '../../src/lambda/events';
import { mergeInventories } from '../../src/lambda/split';
import { runAudit } from '../../src/run-audit';
import { awsError } from '../support/inventory';
import type { Inventory } from '../../src/inventory/types';
import { mockAccount } from '../support/mock-account';
import { callerOf, MANAGEMENT, MEMBER, memoryS3, orgEnv, recorder, REPORT_BUCKET, securityHub, WORK_BUCKET, type Recorded } from './support';

const RUN = 'run-2026-06-01';
const NO_ROLE = '777788889999';
const SECRET = 'member-secret-access-key';
const TOKEN = 'member-session-token-XYZ';

let mocks: ReturnType<typeof mockAccount>;
let s3: ReturnType<typeof memoryS3>;
let hub: ReturnType<typeof securityHub>;
const organizations = mockClient(OrganizationsClient);
let assumed: AssumeRoleCommandInput[];
let regionCallers: string[];

beforeAll(() => {
  // The auditor's own credentials (the Lambda role's, from the environment), told apart from the member role's.
  process.env.AWS_ACCESS_KEY_ID = 'AKIAAUDITOR';
  process.env.AWS_SECRET_ACCESS_KEY = 'auditor-secret';
});
afterAll(() => {
  delete process.env.AWS_ACCESS_KEY_ID;
  delete process.env.AWS_SECRET_ACCESS_KEY;
});

beforeEach(() => {
  mocks = mockAccount();
  s3 = memoryS3(mocks.s3!);
  hub = securityHub();
  organizations.reset();
  assumed = [];
  regionCallers = [];
  mocks.sts!.on(AssumeRoleCommand).callsFake(async (input: AssumeRoleCommandInput) => {
    assumed.push(input);
    if (input.RoleArn !== `arn:aws:iam::${MEMBER}:role/HipaaAuditor` || input.ExternalId !== 'ext-4f1c-secret-ish') {
      throw awsError('AccessDenied', `User: arn:aws:sts::${MANAGEMENT}:assumed-role/auditor/fn is not authorized to perform: sts:AssumeRole on resource: ${input.RoleArn}`, 403);
    }
    return {
      Credentials: { AccessKeyId: 'ASIAMEMBER', SecretAccessKey: SECRET, SessionToken: TOKEN, Expiration: new Date(Date.now() + 3_600_000) },
      AssumedRoleUser: { Arn: `arn:aws:sts::${MEMBER}:assumed-role/HipaaAuditor/${input.RoleSessionName}`, AssumedRoleId: 'AROAMEMBER:x' },
    };
  });
  mocks.ec2!.on(DescribeRegionsCommand).callsFake(async (_input, getClient) => {
    regionCallers.push(await callerOf(getClient));
    return {
      Regions: [
        { RegionName: 'us-east-1', OptInStatus: 'opt-in-not-required' },
        { RegionName: 'eu-west-1', OptInStatus: 'opt-in-not-required' },
        { RegionName: 'af-south-1', OptInStatus: 'not-opted-in' },
      ],
    };
  });
});

/** What the state machine does for one account: plan, collect each chunk, finish; its Catch turns an error into a result. */
async function accountStep(account: OrgAccount, r: Recorded): Promise<Record<string, unknown>> {
  try {
    const plan = (await createPlanAccountHandler(r.deps)({ runId: RUN, account })) as PlanResult;
    const partials = [];
    for (const chunk of plan.chunks) partials.push(await createCollectRegionsHandler(r.deps)({ runId: plan.runId, account: plan.account, chunk }));
    const done = (await createFinishAccountHandler(r.deps)({ runId: plan.runId, account: plan.account, partials })) as FinishResult;
    return { account: done.account, status: done.status, latestReportKey: done.latestReportKey };
  } catch (error) {
    // Lambda reports {errorType, errorMessage, trace}; the AccountFailed Pass state keeps Error and Cause.
    const e = error as Error;
    return { account, status: 'failed', error: e.name, cause: JSON.stringify({ errorType: e.name, errorMessage: e.message, trace: [] }) };
  }
}

describe('organization mode, list accounts', () => {
  it('keeps the ACTIVE accounts of every page (State wins over Status) and writes them to the work bucket', async () => {
    const pages: Record<string, { Accounts: Account[]; NextToken?: string }> = {
      first: {
        Accounts: [
          { Id: MEMBER, Name: 'clinic-prod', Status: 'ACTIVE', State: 'ACTIVE' },
          { Id: '555566667777', Name: 'old', Status: 'SUSPENDED' },
        ],
        NextToken: 'page-2',
      },
      'page-2': {
        Accounts: [
          { Id: MANAGEMENT, Name: 'management', Status: 'ACTIVE' },
          { Id: '666677778888', Name: 'closing', Status: 'ACTIVE', State: 'PENDING_CLOSURE' },
        ],
      },
    };
    const tokens: Array<string | undefined> = [];
    organizations.on(ListAccountsCommand).callsFake(async (input: { NextToken?: string }) => {
      tokens.push(input.NextToken);
      return pages[input.NextToken ?? 'first'];
    });
    const r = recorder(orgEnv());
    const result = await createListAccountsHandler(r.deps)({ runId: RUN });
    expect(result).toEqual({ runId: RUN, accountsKey: `runs/${RUN}/accounts.json`, accounts: 2 });
    expect(tokens).toEqual([undefined, 'page-2']);
    expect(s3.json(WORK_BUCKET, `runs/${RUN}/accounts.json`)).toEqual([
      { id: MANAGEMENT, name: 'management' },
      { id: MEMBER, name: 'clinic-prod' },
    ]);
    expect(r.metric('AccountsListed')).toBe(2);
  });

  it('says where to deploy when the account may not list the organization', async () => {
    organizations.on(ListAccountsCommand).rejects(awsError('AccessDeniedException', 'You don\'t have permissions to access this resource.', 403));
    await expect(createListAccountsHandler(recorder(orgEnv()).deps)({ runId: RUN })).rejects.toThrow(
      /^cannot list the organization's accounts from account 111122223333 \(AccessDeniedException: .*\)\. Fix: deploy organization mode in the management account or a delegated administrator account/,
    );
  });
});

describe('organization mode, one account', () => {
  it('assumes the member role with the external id, splits the regions, collects each chunk, and publishes like one audit', async () => {
    const r = recorder(orgEnv());
    const plan = (await createPlanAccountHandler(r.deps)({ runId: RUN, account: { id: MEMBER, name: 'clinic-prod' } })) as PlanResult;

    expect(assumed[0]).toEqual({ RoleArn: `arn:aws:iam::${MEMBER}:role/HipaaAuditor`, RoleSessionName: `hipaa-audit-${RUN}`, ExternalId: 'ext-4f1c-secret-ish', DurationSeconds: 3600 });
    expect(regionCallers).toEqual(['ASIAMEMBER']); // the member account's regions, read as the member role
    // REGIONS_PER_INVOCATION=1: one chunk per enabled region; the global IAM read goes with the first only.
    expect(plan.chunks.map((c) => c.regions)).toEqual([['eu-west-1'], ['us-east-1']]);
    expect(plan.chunks[0]!.reads).toContain('iam.credentialReport');
    expect(plan.chunks[1]!.reads.some((r) => r.startsWith('iam.'))).toBe(false);
    expect(plan.chunks[1]!.reads).toEqual(expect.arrayContaining(['s3.bucketAcl', 'kms.keys', 'ec2.volumes', 'rds.instances', 'backup.plans', 'cloudtrail.trails', 'config.recorders', 'guardduty.detectors']));

    const partials = [];
    for (const chunk of plan.chunks) partials.push(await createCollectRegionsHandler(r.deps)({ runId: RUN, account: plan.account, chunk }));
    expect(partials).toEqual([{ key: `runs/${RUN}/partial/${MEMBER}/0.json.gz` }, { key: `runs/${RUN}/partial/${MEMBER}/1.json.gz` }]);
    const second = s3.json<PartialInventory>(WORK_BUCKET, partials[1]!.key);
    expect(second.inventory).toMatchObject({ accountId: MEMBER, regions: ['us-east-1'] });
    expect(second.inventory.iam).toBeUndefined();
    expect(mocks.iam!.commandCalls(GenerateCredentialReportCommand)).toHaveLength(1);
    expect(s3.get(WORK_BUCKET, partials[0]!.key).caller).toBe('AKIAAUDITOR');

    const done = (await createFinishAccountHandler(r.deps)({ runId: RUN, account: plan.account, partials })) as FinishResult;
    expect(done).toMatchObject({ account: { id: MEMBER, name: 'clinic-prod' }, status: 'audited', securityHubPartial: false });

    // The report: in the auditor's bucket, written with the auditor's role.
    const findingsKey = s3.keys(REPORT_BUCKET).find((k) => k.includes(MEMBER) && k.endsWith('findings.json'))!;
    expect(s3.get(REPORT_BUCKET, findingsKey).caller).toBe('AKIAAUDITOR');
    expect(s3.get(REPORT_BUCKET, done.latestReportKey).caller).toBe('AKIAAUDITOR');
    const report = s3.json<FindingsReport>(REPORT_BUCKET, findingsKey);
    expect(report.run).toMatchObject({ accountId: MEMBER, regions: ['eu-west-1', 'us-east-1'], source: 'live' });
    expect(report.run.apiCalls.total).toBe(
      partials.reduce((n, p) => n + s3.json<PartialInventory>(WORK_BUCKET, p.key).apiCalls.total, 0),
    );

    // The same findings as one audit of all the regions at once: the split loses and duplicates nothing.
    const member = { aws: new AwsContext(), accountId: MEMBER, partition: 'aws', callerArn: 'x', homeRegion: 'us-east-1' };
    const whole = await runAudit({ source: { kind: 'live', session: member }, config: DEFAULT_CONFIG });
    const digest = (r: FindingsReport) => r.findings.map((f) => `${f.id} ${f.status} ${f.message}`).sort();
    expect(digest(report)).toEqual(digest(whole.report));
    const merged = mergeInventories(partials.map((p) => s3.json<PartialInventory>(WORK_BUCKET, p.key).inventory));
    // A chunk cannot see single-Region trails of the other chunks' regions, so it reads every bucket's logging and
    // Object Lock where one run reads them only for the trails' buckets: apart from those, the same inventory.
    const trailReadsOfOthers = (inv: Inventory, keep: Set<string>): Inventory => {
      if (!inv.s3?.buckets?.ok) return inv;
      const buckets = inv.s3.buckets.value.map((b) => (keep.has(b.name) ? b : { ...b, logging: undefined, objectLock: undefined }));
      return { ...inv, s3: { ...inv.s3, buckets: { ok: true, value: buckets } } };
    };
    const wholeBuckets = whole.inventory.s3?.buckets?.ok ? whole.inventory.s3.buckets.value : [];
    const readForTrails = new Set(wholeBuckets.filter((b) => b.logging !== undefined).map((b) => b.name));
    expect({ ...trailReadsOfOthers(merged, readForTrails), collectedAt: 'x' }).toEqual({ ...whole.inventory, collectedAt: 'x' });
    expect(report.findings.length).toBeGreaterThan(20);

    // Security Hub: the member account's own hub, with the member role; the state beside the reports.
    const sent = hub.batches.flatMap((b) => b.findings);
    expect(sent).toHaveLength(report.findings.length);
    expect(new Set(hub.batches.map((b) => b.caller))).toEqual(new Set(['ASIAMEMBER']));
    for (const f of sent) expect(f.ProductArn).toMatch(new RegExp(`^arn:aws:securityhub:[a-z0-9-]+:${MEMBER}:product/${MEMBER}/default$`));
    expect(s3.get(REPORT_BUCKET, `hipaa-audit/state/${MEMBER}/security-hub.json`).caller).toBe('AKIAAUDITOR');

    // Nothing secret in the logs.
    const logged = JSON.stringify(r.logs);
    for (const secret of [SECRET, TOKEN, 'ext-4f1c-secret-ish', 'auditor-secret']) expect(logged).not.toContain(secret);
    expect(r.metric('AccountsAudited')).toBe(1);
  });

  it('audits the account it runs in with its own role, without assuming anything', async () => {
    const r = recorder(orgEnv({ REGIONS_PER_INVOCATION: '6' }));
    const outcome = await accountStep({ id: MANAGEMENT, name: 'management' }, r);
    expect(outcome).toMatchObject({ status: 'audited' });
    expect(assumed).toEqual([]);
    expect(new Set(hub.batches.map((b) => b.caller))).toEqual(new Set(['AKIAAUDITOR']));
  });

  it('fails fast and names the fix when the member role is missing, without retrying into it', async () => {
    const r = recorder(orgEnv());
    const attempt = createPlanAccountHandler(r.deps)({ runId: RUN, account: { id: NO_ROLE } });
    await expect(attempt).rejects.toMatchObject({
      name: 'MemberRoleUnavailable',
      message: expect.stringMatching(
        /^cannot assume arn:aws:iam::777788889999:role\/HipaaAuditor \(AccessDenied: .*\)\. Fix: deploy deploy\/member-role\.yml in account 777788889999/,
      ),
    });
    expect(mocks.ec2!.commandCalls(DescribeRegionsCommand)).toHaveLength(0);
    expect(r.logs.find((l) => l.level === 'error')?.data).toMatchObject({ errorType: 'MemberRoleUnavailable' });
  });

  it.each([
    [{ runId: RUN, account: { id: '1234' } }, 'account: invalid event: account.id: "1234" is not a 12-digit AWS account id'],
    [{ runId: 'run 1', account: { id: MEMBER } }, 'account: invalid event: runId: "run 1" is not a run id'],
    [{ runId: RUN }, 'account: invalid event: account: must be an object, got nothing'],
  ])('rejects the malformed plan event %j', async (event, message) => {
    await expect(createPlanAccountHandler(recorder(orgEnv()).deps)(event)).rejects.toThrow(message);
    expect(assumed).toEqual([]);
  });

  it('rejects a collect event with an unknown service and a finish event reading outside the run', async () => {
    const r = recorder(orgEnv());
    await expect(
      createCollectRegionsHandler(r.deps)({ runId: RUN, account: { id: MEMBER }, chunk: { index: 0, regions: ['us-east-1'], reads: ['iam.credentialReport', 'mainframe.datasets'] } }),
    ).rejects.toThrow('collect: invalid event: chunk.reads[1]: unknown read "mainframe.datasets" (reads are <service>.<read>, e.g. s3.bucketAcl)');
    await expect(
      createFinishAccountHandler(r.deps)({ runId: RUN, account: { id: MEMBER }, partials: [{ key: 'hipaa-audit/latest/x.json' }] }),
    ).rejects.toThrow(`finish: invalid event: partials[0].key: "hipaa-audit/latest/x.json" is not under runs/${RUN}/partial/${MEMBER}/`);
  });
});

describe('organization mode, the whole run', () => {
  it('goes on past an account whose role is missing; the index lists it as failed, and why', async () => {
    const r = recorder(orgEnv({ REGIONS_PER_INVOCATION: '6' }));
    const accounts: OrgAccount[] = [
      { id: MANAGEMENT, name: 'management' },
      { id: MEMBER, name: 'clinic-prod' },
      { id: NO_ROLE, name: 'research' },
      { id: '888899990000', name: 'sandbox' },
      { id: '999900001111', name: 'never-ran' },
    ];
    s3.put(WORK_BUCKET, `runs/${RUN}/accounts.json`, accounts);

    // The Distributed Map: each account's child execution, its result exported by ResultWriter.
    const succeeded = [];
    for (const account of accounts.slice(0, 3)) {
      const output = await accountStep(account, r);
      succeeded.push({ ExecutionArn: `arn:aws:states:us-east-1:${MANAGEMENT}:execution:sm/Accounts:${account.id}`, Input: JSON.stringify({ runId: RUN, account }), Output: JSON.stringify(output), Status: 'SUCCEEDED' });
    }
    // One child execution that itself timed out (no Catch can run then), and one account that never ran.
    const failed = [{ Input: JSON.stringify({ runId: RUN, account: accounts[3] }), Status: 'TIMED_OUT', Error: 'States.Timeout', Cause: 'The execution timed out' }];
    const prefix = 'runs/map-results/0f6d1b6e';
    s3.put(WORK_BUCKET, `${prefix}/SUCCEEDED_0.json`, succeeded);
    s3.put(WORK_BUCKET, `${prefix}/FAILED_0.json`, failed);
    s3.put(WORK_BUCKET, `${prefix}/manifest.json`, {
      DestinationBucket: WORK_BUCKET,
      MapRunArn: 'arn:aws:states:us-east-1:111122223333:mapRun:sm/Accounts:0f6d1b6e',
      ResultFiles: { SUCCEEDED: [{ Key: `${prefix}/SUCCEEDED_0.json`, Size: 1 }], FAILED: [{ Key: `${prefix}/FAILED_0.json`, Size: 1 }], PENDING: [] },
    });

    const summary = await createSummarizeRunHandler(r.deps)({
      runId: RUN,
      accountsKey: `runs/${RUN}/accounts.json`,
      results: { MapRunArn: 'arn:aws:states:us-east-1:111122223333:mapRun:sm/Accounts:0f6d1b6e', ResultWriterDetails: { Bucket: WORK_BUCKET, Key: `${prefix}/manifest.json` } },
    });

    expect(summary).toMatchObject({ runId: RUN, accounts: 5, audited: 2, failed: 3, indexKey: 'hipaa-audit/latest/index.html' });
    expect(summary.failures).toEqual([
      { accountId: NO_ROLE, accountName: 'research', reason: expect.stringMatching(/^MemberRoleUnavailable: cannot assume arn:aws:iam::777788889999:role\/HipaaAuditor \(AccessDenied: /) },
      { accountId: '888899990000', accountName: 'sandbox', reason: 'States.Timeout: The execution timed out' },
      { accountId: '999900001111', accountName: 'never-ran', reason: 'no result: the account step did not run (the map run stopped before it)' },
    ]);
    const index = s3.get(REPORT_BUCKET, summary.indexKey).body.toString('utf8');
    for (const id of [MANAGEMENT, MEMBER, NO_ROLE, '888899990000', '999900001111']) expect(index).toContain(id);
    expect(index).toContain('MemberRoleUnavailable: cannot assume arn:aws:iam::777788889999:role/HipaaAuditor');
    expect(index).toContain('States.Timeout: The execution timed out');
    expect(r.metric('AccountsFailed')).toBe(3);
    // The two audited accounts got their reports; the failed ones none.
    expect(s3.keys(REPORT_BUCKET).filter((k) => k.startsWith('hipaa-audit/latest/') && k.endsWith('/summary.json')).sort()).toEqual([`hipaa-audit/latest/${MANAGEMENT}/summary.json`, `hipaa-audit/latest/${MEMBER}/summary.json`]);
  });

  it('rejects a summarize event whose account list is outside the run', async () => {
    await expect(
      createSummarizeRunHandler(recorder(orgEnv()).deps)({ runId: RUN, accountsKey: 'runs/other/accounts.json', results: { ResultWriterDetails: { Bucket: WORK_BUCKET, Key: 'm.json' } } }),
    ).rejects.toThrow(`summarize: invalid event: accountsKey: "runs/other/accounts.json" is not under runs/${RUN}/`);
  });
});

describe('organization mode, EBS reads stay in each chunk', () => {
  it('reads each region once across the chunks', async () => {
    const r = recorder(orgEnv());
    const plan = (await createPlanAccountHandler(r.deps)({ runId: RUN, account: { id: MEMBER } })) as PlanResult;
    for (const chunk of plan.chunks) await createCollectRegionsHandler(r.deps)({ runId: RUN, account: plan.account, chunk });
    const regions = await Promise.all(mocks.ec2!.commandCalls(GetEbsEncryptionByDefaultCommand).map((c) => (c.thisValue as { config: { region: () => Promise<string> } }).config.region()));
    expect(regions.sort()).toEqual(['eu-west-1', 'us-east-1']);
  });
});
