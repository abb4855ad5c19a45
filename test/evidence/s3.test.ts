import { CopyObjectCommand, GetObjectCommand, GetObjectLockConfigurationCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { kmsSigner } from '../../src/evidence/sign';
import { parseS3RunUrl, s3Store } from '../../src/evidence/store';
import { verifyEvidence } from '../../src/evidence/verify';
import { formatS3Outcome, publishToS3, type S3Target } from '../../src/publish/s3';
import { inventory } from '../support/inventory';
import { sampleReport } from '../support/report';
import { aws, awsError, puts } from '../publish/s3/helpers';
import { KEY_ARN, mockSigningKms, rsaKey } from './support';

const s3 = mockClient(S3Client);
const kms = mockClient(KMSClient);
const key = rsaKey();
const target: S3Target = { bucket: 'audit-reports', prefix: 'hipaa', region: 'eu-west-1' };
const FOLDER = 'hipaa/runs/111122223333/run-1';

/** A bucket in memory: what PutObject stores, GetObject and ListObjectsV2 give back. */
function bucket(): Map<string, Buffer> {
  const objects = new Map<string, Buffer>();
  s3.on(PutObjectCommand).callsFake((input: { Key: string; Body: Buffer }) => {
    objects.set(input.Key, Buffer.from(input.Body));
    return {};
  });
  s3.on(GetObjectCommand).callsFake((input: { Key: string }) => {
    const body = objects.get(input.Key);
    if (!body) throw awsError('NoSuchKey', 404);
    return { Body: { transformToByteArray: async () => new Uint8Array(body), transformToString: async () => body.toString('utf8') } };
  });
  s3.on(CopyObjectCommand).callsFake((input: { Key: string; CopySource: string; Bucket: string }) => {
    const from = objects.get(decodeURIComponent(input.CopySource.slice(input.Bucket.length + 1)));
    if (!from) throw awsError('NoSuchKey', 404);
    objects.set(input.Key, from);
    return {};
  });
  s3.on(ListObjectsV2Command).callsFake((input: { Prefix: string }) => ({
    Contents: [...objects.keys()].filter((k) => k.startsWith(input.Prefix)).sort().map((Key) => ({ Key })),
    IsTruncated: false,
  }));
  return objects;
}

const run = () => ({ report: sampleReport(), inventory: inventory({ services: ['s3'] }) });

beforeEach(() => {
  s3.reset();
  kms.reset();
  mockSigningKms(kms, key);
});

describe('the evidence of a run in S3', () => {
  it('writes the run folder\'s manifest after its objects, signed, listing the Athena rows and summary as related; verify reads it back', async () => {
    const objects = bucket();
    const signer = await kmsSigner(aws(), KEY_ARN, 'eu-west-1');
    const outcome = await publishToS3(aws(), run(), target, { signer });
    const keys = puts(s3).map((p) => p.Key!);
    const manifestAt = keys.indexOf(`${FOLDER}/manifest.json`);
    expect(keys.indexOf(`${FOLDER}/manifest.sig.json`)).toBe(manifestAt + 1);
    expect(keys.slice(0, manifestAt).every((k) => !k.includes('/latest/'))).toBe(true);
    // Then the latest/ pointer; the latest report is a server-side copy, after it.
    expect(keys.slice(manifestAt + 2)).toEqual(['hipaa/latest/111122223333/summary.json']);
    expect(s3.commandCalls(CopyObjectCommand).map((c) => c.args[0].input.Key)).toEqual(['hipaa/latest/111122223333/report.html']);
    expect(outcome).toMatchObject({ manifestKey: `${FOLDER}/manifest.json`, signatureKey: `${FOLDER}/manifest.sig.json` });
    expect(formatS3Outcome(outcome, target)).toContain(`evidence: s3://audit-reports/${FOLDER}/ (manifest, signed; hipaa-audit verify checks it)`);

    const manifest = JSON.parse(objects.get(`${FOLDER}/manifest.json`)!.toString('utf8'));
    expect(manifest.folder).toBe('runs/111122223333/run-1');
    expect(manifest.files.map((f: { name: string }) => f.name)).toEqual(['findings.json', 'framework.json', 'inventory.json.gz', 'open-failures.json', 'report.html', 'summary.json']);
    expect(manifest.related.map((r: { key: string }) => r.key)).toEqual([
      'findings/account=111122223333/date=2026-06-01/run=run-1.jsonl.gz',
      'summaries/account=111122223333/date=2026-06-01/run=run-1.json',
    ]);

    const { bucket: name, folder } = parseS3RunUrl(`s3://audit-reports/${FOLDER}/`);
    const store = s3Store(aws(), { bucket: name, region: 'eu-west-1' }, folder);
    const ok = await verifyEvidence(store, { publicKey: key.publicKey });
    expect(ok.problems).toEqual([]);
    expect(ok.verified).toHaveLength(8);
    expect(ok.signature.state).toBe('verified-key');

    // A changed Athena row is named by its key; an object added to the folder is reported apart.
    const rows = 'hipaa/findings/account=111122223333/date=2026-06-01/run=run-1.jsonl.gz';
    objects.set(rows, Buffer.concat([objects.get(rows)!, Buffer.from('x')]));
    objects.set(`${FOLDER}/extra.html`, Buffer.from('x'));
    const tampered = await verifyEvidence(store, { publicKey: key.publicKey });
    expect(tampered.problems).toEqual([{ file: 'findings/account=111122223333/date=2026-06-01/run=run-1.jsonl.gz', problem: expect.stringMatching(/^modified: /) }]);
    expect(tampered.unlisted).toEqual(['extra.html']);
  });

  it('names a manifest copied from another run\'s folder', async () => {
    const objects = bucket();
    await publishToS3(aws(), run(), target);
    for (const [k, v] of [...objects]) if (k.startsWith(`${FOLDER}/`)) objects.set(k.replace('/run-1/', '/run-2/'), v);
    const store = s3Store(aws(), { bucket: 'audit-reports', region: 'eu-west-1' }, 'hipaa/runs/111122223333/run-2');
    const result = await verifyEvidence(store);
    expect(result.problems).toEqual([{ file: 'manifest.json', problem: 'written for the run folder runs/111122223333/run-1, found in hipaa/runs/111122223333/run-2: a manifest of another run' }]);
  });

  it('refuses URLs that are not a run folder', () => {
    expect(parseS3RunUrl('s3://b-1/p/runs/111122223333/run-1/manifest.json')).toEqual({ bucket: 'b-1', folder: 'p/runs/111122223333/run-1' });
    expect(parseS3RunUrl('s3://b-1/runs/111122223333/run-1')).toEqual({ bucket: 'b-1', folder: 'runs/111122223333/run-1' });
    expect(() => parseS3RunUrl('s3://b-1/p/latest/111122223333/')).toThrow('is not an S3 run folder');
    expect(() => parseS3RunUrl('https://b-1/x')).toThrow('is not an S3 run folder');
  });
});

describe('the change since the previous run in S3', () => {
  it('compares with the previous stored run of the same scope through its open-failures.json', async () => {
    const objects = bucket();
    const first = run();
    await publishToS3(aws(), first, target);
    const second = run();
    second.report.run = { ...second.report.run, id: 'run-2', startedAt: '2026-06-02T12:00:00.000Z', collectedAt: '2026-06-02T12:00:00.000Z' };
    // The failing bucket was fixed; another bucket fails now.
    second.report.findings = second.report.findings.map((f) =>
      f.status === 'FAIL' ? { ...f, status: 'PASS' as const } : { ...f, id: `${f.id}-x`, status: 'FAIL' as const, resource: { ...f.resource, id: 'new' } },
    );
    const outcome = await publishToS3(aws(), second, target);
    expect(outcome.change).toMatchObject({ previous: { runId: 'run-1' }, newFailures: 1, fixed: 1, gone: 0 });
    const summary = JSON.parse(objects.get('hipaa/summaries/account=111122223333/date=2026-06-02/run=run-2.json')!.toString('utf8'));
    expect(summary).toMatchObject({ previous_run_id: 'run-1', new_failures: 1, fixed_failures: 1, gone_failures: 0 });
    expect(objects.get('hipaa/runs/111122223333/run-2/report.html')!.toString('utf8')).toContain('id="change-since"><b class="down">+1</b> new / <b class="up">&minus;1</b> fixed');
    const firstSummary = JSON.parse(objects.get('hipaa/summaries/account=111122223333/date=2026-06-01/run=run-1.json')!.toString('utf8'));
    expect(firstSummary).toMatchObject({ previous_run_id: null, new_failures: null });
  });
});

describe('Object Lock', () => {
  it('puts retention on every object of the run, not on latest/, when asked and the bucket has Object Lock', async () => {
    bucket();
    s3.on(GetObjectLockConfigurationCommand).resolves({ ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled' } });
    const now = new Date('2026-06-01T12:00:00.000Z');
    const outcome = await publishToS3(aws(), run(), target, { objectLockDays: 2190, objectLockMode: 'COMPLIANCE', now });
    const until = new Date(now.getTime() + 2190 * 86_400_000);
    for (const p of puts(s3)) {
      if (p.Key!.includes('/latest/')) expect(p.ObjectLockMode).toBeUndefined();
      else expect(p).toMatchObject({ ObjectLockMode: 'COMPLIANCE', ObjectLockRetainUntilDate: until, ChecksumAlgorithm: 'SHA256' });
    }
    expect(puts(s3).filter((p) => p.ObjectLockMode)).toHaveLength(9);
    // The latest report is a copy: it takes no retention (S3 does not copy it from the source).
    expect(s3.commandCalls(CopyObjectCommand).map((c) => c.args[0].input.ObjectLockMode)).toEqual([undefined]);
    expect(outcome.objectLock).toBe('Object Lock: COMPLIANCE until 2032-05-30 on the run\'s objects');
  });

  it('reports a bucket default retention, and writes without retention (with a warning) where the bucket has no Object Lock', async () => {
    bucket();
    s3.on(GetObjectLockConfigurationCommand).resolves({ ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Years: 6 } } } });
    expect((await publishToS3(aws(), run(), target)).objectLock).toBe('Object Lock: bucket default GOVERNANCE 6 years applies to every object');
    expect(puts(s3).every((p) => p.ObjectLockMode === undefined)).toBe(true);

    s3.reset();
    bucket();
    s3.on(GetObjectLockConfigurationCommand).rejects(awsError('ObjectLockConfigurationNotFoundError', 404));
    const outcome = await publishToS3(aws(), run(), target, { objectLockDays: 30 });
    expect(outcome.warnings).toEqual([expect.stringContaining('does not have Object Lock enabled; objects written without retention')]);
    expect(puts(s3).every((p) => p.ObjectLockMode === undefined)).toBe(true);
    expect((await publishToS3(aws(), run(), target)).warnings).toBeUndefined();
  });
});
