import { readFileSync } from 'node:fs';
import {
  BatchImportFindingsCommand,
  BatchUpdateFindingsCommand,
  type BatchImportFindingsCommandInput,
  GetFindingsCommand,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import { mockClient } from 'aws-sdk-client-mock';
import type { Finding } from '../../../src/evaluate/finding';
import { formatOutcome, publishToSecurityHub, type SecurityHubOptions, type StateStore } from '../../../src/publish/security-hub';
import {
  accountError,
  ACCOUNT,
  asffErrors,
  at,
  auditRun,
  awsContext,
  finding,
  imported,
  importCalls,
  noSleep,
  regionOf,
  T0,
  T1,
  T2,
  tempStore,
} from './helpers';

const sh = mockClient(SecurityHubClient);
const accept = (input: BatchImportFindingsCommandInput) => ({ SuccessCount: input.Findings?.length ?? 0, FailedCount: 0, FailedFindings: [] });
const awsError = (name: string, message = name, httpStatusCode = 400) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode } });

beforeEach(() => {
  sh.reset();
  sh.on(BatchImportFindingsCommand).callsFake(accept);
});

function publisher(store: StateStore, extra: Partial<SecurityHubOptions> = {}) {
  const warnings: string[] = [];
  return {
    warnings,
    run: (findings: Finding[], now: string, scope: Parameters<typeof auditRun>[1] = {}) =>
      publishToSecurityHub(awsContext(), auditRun(findings, { startedAt: now, ...scope }), {
        state: store,
        now: at(now),
        sleep: noSleep,
        onWarning: (m) => warnings.push(m),
        ...extra,
      }),
  };
}

const bucket = (name: string, status: 'PASS' | 'FAIL' = 'FAIL', region = 'us-east-1') => finding({ checkId: 's3.bucket-versioning', resource: name, status, region });
const user = (name: string, status: 'PASS' | 'FAIL' = 'FAIL') => finding({ checkId: 'iam.user-console-mfa', region: 'global', resource: name, status });

describe('publishing to Security Hub: the lifecycle', () => {
  it('creates on first sight, then updates keeping CreatedAt and FirstObservedAt, with the same Ids', async () => {
    const { store, file } = tempStore();
    const p = publisher(store);
    const findings = [bucket('phi'), bucket('logs', 'PASS'), user('bob'), bucket('eu-data', 'FAIL', 'eu-west-1')];

    const first = await p.run(findings, T0);
    expect(first).toMatchObject({ created: 4, updated: 0, resolved: 0, archived: 0, failed: [], partial: false });
    expect(first.regions).toEqual([
      { region: 'eu-west-1', status: 'published', sent: 1 },
      { region: 'us-east-1', status: 'published', sent: 3 },
    ]);
    const docs1 = imported(sh);
    for (const doc of docs1.values()) {
      expect(asffErrors(doc)).toEqual([]);
      expect(doc).toMatchObject({ CreatedAt: T0, UpdatedAt: T0, FirstObservedAt: T0, LastObservedAt: T0, RecordState: 'ACTIVE' });
    }
    // A global (IAM) finding goes to the home region; an S3 bucket to its own region.
    expect(docs1.get(`${user('bob').id}@us-east-1`)).toBeDefined();
    expect(docs1.get(`${bucket('eu-data', 'FAIL', 'eu-west-1').id}@eu-west-1`)?.Resources?.[0]?.Region).toBe('eu-west-1');
    expect(JSON.parse(readFileSync(file, 'utf8')).state.findings[user('bob').id]).toMatchObject({ region: 'us-east-1', status: 'FAILED', createdAt: T0 });

    sh.resetHistory();
    const second = await p.run(findings, T1);
    expect(second).toMatchObject({ created: 0, updated: 4, resolved: 0, archived: 0, partial: false });
    const docs2 = imported(sh);
    expect([...docs2.keys()].sort()).toEqual([...docs1.keys()].sort());
    for (const doc of docs2.values()) expect(doc).toMatchObject({ CreatedAt: T0, FirstObservedAt: T0, LastObservedAt: T1, UpdatedAt: T1 });
  });

  it('sends a fixed finding again as PASSED under the same Id, counted as resolved', async () => {
    const { store } = tempStore();
    const p = publisher(store);
    await p.run([bucket('phi', 'FAIL')], T0);
    sh.resetHistory();
    const out = await p.run([bucket('phi', 'PASS')], T1);
    expect(out).toMatchObject({ created: 0, updated: 0, resolved: 1 });
    const doc = imported(sh).get(`${bucket('phi').id}@us-east-1`);
    expect(doc).toMatchObject({ Compliance: { Status: 'PASSED' }, Severity: { Label: 'INFORMATIONAL' }, CreatedAt: T0, RecordState: 'ACTIVE' });
  });

  it('archives the findings of a resource that no longer exists, once, from what the state kept', async () => {
    const { store, file } = tempStore();
    const p = publisher(store);
    const gone = bucket('old-exports');
    await p.run([bucket('phi'), gone], T0);
    sh.resetHistory();

    const out = await p.run([bucket('phi')], T1);
    expect(out).toMatchObject({ created: 0, updated: 1, archived: 1 });
    const doc = imported(sh).get(`${gone.id}@us-east-1`);
    expect(doc).toMatchObject({ RecordState: 'ARCHIVED', CreatedAt: T0, FirstObservedAt: T0, LastObservedAt: T0, UpdatedAt: T1, Compliance: { Status: 'FAILED' } });
    expect(doc?.Description).toBe(gone.message);
    expect(asffErrors(doc!)).toEqual([]);
    expect(JSON.parse(readFileSync(file, 'utf8')).state.findings[gone.id]).toMatchObject({ recordState: 'ARCHIVED', updatedAt: T1 });

    sh.resetHistory();
    expect(await p.run([bucket('phi')], T2)).toMatchObject({ updated: 1, archived: 0 });
    expect(imported(sh).has(`${gone.id}@us-east-1`)).toBe(false);

    // The bucket comes back: the same finding is active again, CreatedAt kept.
    sh.resetHistory();
    expect(await p.run([bucket('phi'), gone], '2026-06-04T12:00:00.000Z')).toMatchObject({ created: 0, updated: 2 });
    expect(imported(sh).get(`${gone.id}@us-east-1`)).toMatchObject({ RecordState: 'ACTIVE', CreatedAt: T0 });
  });

  it('a run scoped to some checks or regions archives nothing outside its scope', async () => {
    const { store } = tempStore();
    const p = publisher(store);
    const eu = bucket('eu-data', 'FAIL', 'eu-west-1');
    await p.run([bucket('phi'), bucket('tmp'), user('bob'), eu], T0);
    sh.resetHistory();

    // --checks s3. --regions us-east-1: bob (IAM) and the eu-west-1 bucket are outside the run; tmp is gone.
    const out = await p.run([bucket('phi')], T1, { checks: ['s3.bucket-versioning'], regions: ['us-east-1'] });
    expect(out).toMatchObject({ updated: 1, archived: 1 });
    const docs = imported(sh);
    expect(docs.get(`${bucket('tmp').id}@us-east-1`)?.RecordState).toBe('ARCHIVED');
    expect(docs.has(`${user('bob').id}@us-east-1`)).toBe(false);
    expect(docs.has(`${eu.id}@eu-west-1`)).toBe(false);

    // An IAM-only run archives the IAM finding that is gone, and no S3 finding.
    sh.resetHistory();
    const iam = await p.run([user('alice')], T2, { checks: ['iam.user-console-mfa'], regions: ['us-east-1', 'eu-west-1'] });
    expect(iam).toMatchObject({ created: 1, archived: 1 });
    expect([...imported(sh).values()].filter((d) => d.RecordState === 'ARCHIVED').map((d) => d.Id)).toEqual([user('bob').id]);
  });

  it('a run of --scope ephi archives only gone ePHI (or unclassifiable) resources and account-level findings, never the resources it left out', async () => {
    const { store } = tempStore();
    const p = publisher(store);
    const ephi = (f: Finding, classification: Finding['classification'] = 'ephi'): Finding => ({ ...f, classification });
    const gonePhi = ephi(bucket('old-phi'));
    const kept = ephi(bucket('phi'));
    const plain = ephi(bucket('logs'), 'not-ephi');
    const unknown = ephi(bucket('eu-data', 'FAIL', 'eu-west-1'), 'unknown');
    const account = { ...finding({ checkId: 's3.account-public-access-block', resource: ACCOUNT, region: 'global' }), resource: { type: 'AwsAccount', id: ACCOUNT, arn: `AWS::::Account:${ACCOUNT}` }, classification: 'not-ephi' as const };
    const unclassified = bucket('legacy');
    await p.run([gonePhi, kept, plain, unknown, account, unclassified], T0);
    sh.resetHistory();

    // The ePHI-scoped run reports only the ePHI bucket: the others are left out, old-phi, eu-data and the account finding are gone.
    const out = await p.run([kept], T1, { checks: ['s3.bucket-versioning', 's3.account-public-access-block'], regions: ['us-east-1', 'eu-west-1'], classification: 'ephi' });
    const archived = [...imported(sh).values()].filter((d) => d.RecordState === 'ARCHIVED').map((d) => d.Id).sort();
    expect(archived).toEqual([gonePhi.id, unknown.id, account.id].sort());
    expect(out).toMatchObject({ updated: 1, archived: 3 });
  });

  it('does not archive what a check could not read this run (a failed read is not a deleted resource)', async () => {
    const { store } = tempStore();
    const p = publisher(store);
    await p.run([bucket('phi'), bucket('logs', 'PASS', 'eu-west-1'), user('bob')], T0);
    sh.resetHistory();
    // s3:ListBuckets denied: one ERROR for the account, no bucket findings. IAM read failed likewise.
    const out = await p.run([accountError('s3.bucket-versioning', 'global'), accountError('iam.user-console-mfa', 'global')], T1, {
      checks: ['s3.bucket-versioning', 'iam.user-console-mfa'],
      regions: ['us-east-1', 'eu-west-1'],
    });
    expect(out.archived).toBe(0);
    expect(out.created).toBe(2);
    const errors = [...imported(sh).values()];
    expect(errors.map((d) => d.Compliance?.Status)).toEqual(['NOT_AVAILABLE', 'NOT_AVAILABLE']);
  });

  it('--security-hub-failed-only sends FAILED findings, and resolves a finding sent as FAILED once it passes', async () => {
    const { store } = tempStore();
    const p = publisher(store, { failedOnly: true });
    const r1 = await p.run([bucket('a', 'PASS'), bucket('b', 'FAIL')], T0);
    expect(r1).toMatchObject({ created: 1, unchanged: 1 });
    expect([...imported(sh).values()].map((d) => d.Id)).toEqual([bucket('b').id]);

    sh.resetHistory();
    const r2 = await p.run([bucket('a', 'PASS'), bucket('b', 'PASS')], T1);
    expect(r2).toMatchObject({ created: 0, updated: 0, resolved: 1, unchanged: 1 });
    expect([...imported(sh).values()].map((d) => [d.Id, d.Compliance?.Status])).toEqual([[bucket('b').id, 'PASSED']]);

    sh.resetHistory();
    const r3 = await p.run([bucket('a', 'PASS'), bucket('b', 'PASS')], T2);
    expect(r3).toMatchObject({ created: 0, updated: 0, resolved: 0, unchanged: 2 });
    expect(sh.commandCalls(BatchImportFindingsCommand)).toHaveLength(0);

    // Gone resources are still archived in failed-only mode (b was sent; a never was, so there is nothing to archive).
    sh.resetHistory();
    expect(await p.run([bucket('c', 'FAIL')], '2026-06-04T12:00:00.000Z')).toMatchObject({ created: 1, archived: 1 });
    expect([...imported(sh).values()].filter((d) => d.RecordState === 'ARCHIVED').map((d) => d.Id)).toEqual([bucket('b').id]);
  });

  it('sends suppressed failures with their reason, and never touches Workflow nor calls BatchUpdateFindings or GetFindings', async () => {
    const { store } = tempStore();
    const p = publisher(store);
    const f = finding({ resource: 'build-cache', suppressed: { reason: 'rebuilt on demand; no ePHI', expires: '2027-03-31' } });
    await p.run([f, bucket('phi')], T0);
    await p.run([f], T1);
    for (const call of importCalls(sh)) for (const doc of call.findings) expect(doc).not.toHaveProperty('Workflow');
    expect(imported(sh).get(`${f.id}@us-east-1`)).toMatchObject({
      Compliance: { Status: 'FAILED' },
      ProductFields: { 'hipaa-posture-auditor/SuppressionReason': 'rebuilt on demand; no ePHI', 'hipaa-posture-auditor/SuppressionExpires': '2027-03-31' },
    });
    expect(sh.commandCalls(BatchUpdateFindingsCommand)).toHaveLength(0);
    expect(sh.commandCalls(GetFindingsCommand)).toHaveLength(0);
  });

  it('moves a global finding when the home region changes: archived in the old region, created in the new', async () => {
    const { store } = tempStore();
    const p = publisher(store);
    await p.run([user('bob')], T0, { homeRegion: 'us-east-1' });
    sh.resetHistory();
    const out = await p.run([user('bob')], T1, { homeRegion: 'eu-west-1', regions: ['eu-west-1'] });
    expect(out).toMatchObject({ created: 1, archived: 1 });
    const docs = imported(sh);
    expect(docs.get(`${user('bob').id}@us-east-1`)?.RecordState).toBe('ARCHIVED');
    expect(docs.get(`${user('bob').id}@eu-west-1`)).toMatchObject({ RecordState: 'ACTIVE', CreatedAt: T1 });
  });

  it('refuses a state that belongs to another account, and sends nothing', async () => {
    const { store } = tempStore();
    await store.save({ schemaVersion: 1, accountId: '999999999999', savedAt: T0, findings: {} }, null);
    const p = publisher(store);
    const out = await p.run([bucket('phi')], T1);
    expect(out.partial).toBe(true);
    expect(out.stateError).toContain('belongs to account 999999999999');
    expect(sh.commandCalls(BatchImportFindingsCommand)).toHaveLength(0);
  });
});

describe('publishing to Security Hub: throughput and faults', () => {
  it('never puts more than 100 findings in a call', async () => {
    const { store } = tempStore();
    const findings = Array.from({ length: 250 }, (_, i) => bucket(`b-${i}`));
    const out = await publisher(store).run(findings, T0);
    expect(importCalls(sh).map((c) => c.findings.length)).toEqual([100, 100, 50]);
    expect(out.created).toBe(250);
  });

  it('never sends more than 6 MB in a call, and sends every large finding exactly once', async () => {
    const { store } = tempStore();
    // Large findings: ~100 KB resource ARNs (the one field Security Hub does not cap below 240 KB).
    const findings = Array.from({ length: 150 }, (_, i) => {
      const f = bucket(`big-${i}`);
      return { ...f, resource: { ...f.resource, arn: `arn:aws:s3:::big-${i}-${'x'.repeat(100_000)}` } };
    });
    const out = await publisher(store).run(findings, T0);
    const calls = importCalls(sh);
    for (const c of calls) {
      expect(c.bytes).toBeLessThanOrEqual(6_000_000);
      expect(c.findings.length).toBeLessThanOrEqual(100);
    }
    expect(calls.length).toBeGreaterThan(2); // the size limit, not the count, split them
    const ids = calls.flatMap((c) => c.findings.map((f) => f.Id));
    expect(ids.sort()).toEqual(findings.map((f) => f.id).sort());
    expect(out).toMatchObject({ created: 150, failed: [] });
  });

  it('paces calls per region to 10 a second after a burst of 30, without waiting in tests', async () => {
    const { store } = tempStore();
    const slept: number[] = [];
    const findings = Array.from({ length: 4000 }, (_, i) => bucket(`b-${i}`)); // 40 calls in one region
    await publisher(store, { sleep: async (ms) => void slept.push(ms) }).run(findings, T0);
    expect(importCalls(sh)).toHaveLength(40);
    const total = slept.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(1000); // 10 calls beyond the burst, at 10 a second
    expect(total).toBeLessThan(1200);
  });

  it('publishes regions in parallel', async () => {
    const { store } = tempStore();
    const waiting: Array<() => void> = [];
    const regions = new Set<string>();
    sh.on(BatchImportFindingsCommand).callsFake(
      (input: BatchImportFindingsCommandInput) =>
        new Promise((resolve) => {
          regions.add(regionOf(input));
          waiting.push(() => resolve(accept(input)));
          if (waiting.length >= 2) for (const w of waiting.splice(0)) w(); // only answers once both regions are in flight
        }),
    );
    const out = await publisher(store).run([bucket('a', 'FAIL', 'us-east-1'), bucket('b', 'FAIL', 'eu-west-1')], T0);
    expect(out.created).toBe(2);
    expect([...regions].sort()).toEqual(['eu-west-1', 'us-east-1']);
  });

  it('retries retryable FailedFindings with backoff and reports the rest by id and reason; failures stay out of the state', async () => {
    const { store, file } = tempStore();
    const [a, b, c] = [bucket('a'), bucket('b'), bucket('c')];
    let call = 0;
    sh.on(BatchImportFindingsCommand).callsFake((input: BatchImportFindingsCommandInput) => {
      call += 1;
      const ids = (input.Findings ?? []).map((f) => f.Id);
      if (call === 1) {
        return {
          SuccessCount: 1,
          FailedCount: 2,
          FailedFindings: [
            { Id: a.id, ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' },
            { Id: b.id, ErrorCode: 'InvalidInput', ErrorMessage: 'Finding does not adhere to Amazon Finding Format.' },
          ],
        };
      }
      expect(ids).toEqual([a.id]); // only the retryable one comes back
      return accept(input);
    });
    const slept: number[] = [];
    const out = await publisher(store, { sleep: async (ms) => void slept.push(ms) }).run([a, b, c], T0);
    expect(call).toBe(2);
    expect(slept).toContain(250);
    expect(out).toMatchObject({ created: 2, partial: true });
    expect(out.failed).toEqual([{ id: b.id, region: 'us-east-1', code: 'InvalidInput', message: 'Finding does not adhere to Amazon Finding Format.' }]);
    const state = JSON.parse(readFileSync(file, 'utf8')).state.findings;
    expect(Object.keys(state).sort()).toEqual([a.id, c.id].sort());
    expect(formatOutcome(out)).toContain(`rejected ${b.id} (us-east-1): InvalidInput`);

    // The next run tries b again, as new.
    sh.reset();
    sh.on(BatchImportFindingsCommand).callsFake(accept);
    expect(await publisher(store).run([a, b, c], T1)).toMatchObject({ created: 1, updated: 2, failed: [], partial: false });
  });

  it('gives up on a finding still throttled after the retries, and reports it', async () => {
    const { store } = tempStore();
    const a = bucket('a');
    sh.on(BatchImportFindingsCommand).resolves({ SuccessCount: 0, FailedCount: 1, FailedFindings: [{ Id: a.id, ErrorCode: 'InternalException', ErrorMessage: 'try later' }] });
    const out = await publisher(store).run([a], T0);
    expect(sh.commandCalls(BatchImportFindingsCommand)).toHaveLength(4); // 1 + 3 retries
    expect(out.failed).toEqual([{ id: a.id, region: 'us-east-1', code: 'InternalException', message: 'try later' }]);
    expect(out.created).toBe(0);
  });

  it('reports a region where Security Hub is not enabled, publishes the others, and neither records nor archives there', async () => {
    const { store, file } = tempStore();
    const p = publisher(store);
    const euGone = bucket('eu-old', 'FAIL', 'eu-west-1');
    await p.run([bucket('phi'), euGone], T0);
    sh.reset();
    sh.on(BatchImportFindingsCommand).callsFake((input: BatchImportFindingsCommandInput) => {
      if (regionOf(input) === 'eu-west-1') throw awsError('InvalidAccessException', `Account ${ACCOUNT} is not subscribed to AWS Security Hub`);
      return accept(input);
    });
    const eu = bucket('eu-new', 'FAIL', 'eu-west-1');
    const out = await p.run([bucket('phi'), eu], T1, { regions: ['us-east-1', 'eu-west-1'] });
    expect(out.partial).toBe(true);
    expect(out).toMatchObject({ updated: 1, created: 0, archived: 0 });
    const euRegion = out.regions.find((r) => r.region === 'eu-west-1');
    expect(euRegion).toMatchObject({ status: 'not-enabled', sent: 0, unsent: 2 });
    expect(euRegion?.message).toContain('aws securityhub enable-security-hub --region eu-west-1');
    expect(out.regions.find((r) => r.region === 'us-east-1')).toMatchObject({ status: 'published', sent: 1 });
    expect(p.warnings.join('\n')).toContain('Security Hub is not enabled in eu-west-1');
    const state = JSON.parse(readFileSync(file, 'utf8')).state.findings;
    expect(state[eu.id]).toBeUndefined();
    expect(state[euGone.id]).toMatchObject({ recordState: 'ACTIVE', updatedAt: T0 });
    expect(formatOutcome(out)).toMatch(/eu-west-1: not-enabled, 0 imported: Security Hub is not enabled/);
  });

  it('reports a denied region with the permission to grant', async () => {
    const { store } = tempStore();
    sh.on(BatchImportFindingsCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform: securityhub:BatchImportFindings', 403));
    const out = await publisher(store).run([bucket('phi')], T0);
    expect(out.regions).toEqual([
      expect.objectContaining({ region: 'us-east-1', status: 'denied', sent: 0, message: expect.stringContaining(`securityhub:BatchImportFindings on arn:aws:securityhub:us-east-1:${ACCOUNT}:product/${ACCOUNT}/default`) }),
    ]);
    expect(out.partial).toBe(true);
  });

  it('handles a call still throttled after the SDK retries: the region stops, the state keeps what was sent', async () => {
    const { store, file } = tempStore();
    let call = 0;
    sh.on(BatchImportFindingsCommand).callsFake((input: BatchImportFindingsCommandInput) => {
      call += 1;
      if (call === 2) throw awsError('ThrottlingException', 'Rate exceeded');
      return accept(input);
    });
    const findings = Array.from({ length: 150 }, (_, i) => bucket(`b-${i}`));
    const out = await publisher(store).run(findings, T0);
    expect(out.regions[0]).toMatchObject({ status: 'error', sent: 100, unsent: 50 });
    expect(out.regions[0]?.message).toContain('ThrottlingException');
    expect(out).toMatchObject({ created: 100, partial: true });
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')).state.findings)).toHaveLength(100);
  });

  it('sends nothing when the state cannot be read', async () => {
    const store: StateStore = {
      describe: () => 's3://bucket/state.json',
      load: async () => {
        throw new Error('cannot read the Security Hub state s3://bucket/state.json: AccessDenied');
      },
      save: async () => 'saved',
    };
    const out = await publisher(store).run([bucket('phi')], T0);
    expect(out).toMatchObject({ partial: true, regions: [], stateError: expect.stringContaining('Nothing was sent') });
    expect(sh.commandCalls(BatchImportFindingsCommand)).toHaveLength(0);
  });

  it('summarises the outcome in a few lines', () => {
    const text = formatOutcome({
      created: 3,
      updated: 10,
      resolved: 2,
      archived: 1,
      unchanged: 4,
      failed: [],
      regions: [
        { region: 'us-east-1', status: 'published', sent: 16 },
        { region: 'eu-west-1', status: 'not-enabled', sent: 0, message: 'Security Hub is not enabled in eu-west-1' },
      ],
      partial: true,
    });
    expect(text.split('\n')[0]).toBe('Security Hub: 3 new, 10 updated, 2 resolved, 1 archived, 0 failed, 4 unchanged in 2 region(s) (partial)');
    expect(text).toContain('us-east-1: 16 imported');
  });
});
