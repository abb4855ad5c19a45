import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetPublicKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { main } from '../../src/cli/main';
import { captureIo } from '../support/io';
import { mockAccount } from '../support/mock-account';
import { KEY_ARN, mockSigningKms, rsaKey } from '../evidence/support';

const io = captureIo;

const tmp = () => mkdtempSync(join(tmpdir(), 'cli-evidence-'));
const demo = join(__dirname, '..', '..', 'samples', 'demo-inventory.json');

describe('hipaa-audit: the evidence package', () => {
  it('--format all writes every output, the manifest last, and verify accepts the folder then names a tampered file', async () => {
    const dir = join(tmp(), 'run');
    const t = io();
    expect(await main(['--inventory', demo, '--output-dir', dir, '--format', 'all'], t)).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([
      'findings.csv', 'findings.json', 'findings.ocsf.jsonl', 'framework.json', 'inventory.json', 'junit.xml', 'manifest.json', 'open-failures.json', 'report.html', 'summary.json', 'summary.md',
    ]);
    expect(t.out()).toMatch(/Security Rule \(65 standards and specifications\): \d+ failing, /);
    expect(t.out().trimEnd().endsWith('manifest.json')).toBe(true);

    const ok = io();
    expect(await main(['verify', dir], ok)).toBe(0);
    expect(ok.out()).toContain('VERIFIED: 10 file(s) match the manifest.');
    expect(ok.out()).toContain('signature: unsigned');

    appendFileSync(join(dir, 'junit.xml'), '<!-- -->');
    const bad = io();
    expect(await main(['verify', dir], bad)).toBe(5);
    expect(bad.out()).toContain('MISMATCH  junit.xml: modified');
    const json = io();
    expect(await main(['verify', join(dir, 'manifest.json'), '--json'], json)).toBe(5);
    expect(JSON.parse(json.out()).problems).toEqual([{ file: 'junit.xml', problem: expect.stringMatching(/^modified/) }]);
  });

  it('verify and diff refuse what they cannot read with exit code 1', async () => {
    const empty = tmp();
    const t = io();
    expect(await main(['verify', empty], t)).toBe(1);
    expect(t.err()).toContain('no manifest.json in');
    expect(await main(['verify', join(empty, 'missing')], io())).toBe(1);
    expect(await main(['verify', empty, '--public-key', join(empty, 'nope.pem')], io())).toBe(1);
    expect(await main(['verify'], io())).toBe(1);
    const d = io();
    expect(await main(['diff', empty, empty], d)).toBe(1);
    expect(d.err()).toContain('cannot read');
    expect(await main(['--object-lock-days', '30', '--inventory', demo, '--output-dir', join(empty, 'x')], io())).toBe(1);
  });

  it('the second run of a scope prints +N / −M, stores it in summary.json, and diff lists the changes', async () => {
    const parent = tmp();
    expect(await main(['--inventory', demo, '--output-dir', join(parent, 'a'), '--quiet'], io())).toBe(0);
    const first = JSON.parse(readFileSync(join(parent, 'a', 'findings.json'), 'utf8'));
    const target = first.findings.find((f: { status: string }) => f.status === 'FAIL');
    const config = join(parent, 'config.yaml');
    writeFileSync(config, `suppressions:\n  - checkId: ${target.checkId}\n    resource: "${target.resource.arn}"\n    reason: accepted for the test\n    approvedBy: Ann\n    ticket: RISK-7\n`);
    const t = io();
    expect(await main(['--inventory', demo, '--output-dir', join(parent, 'b'), '--config', config], t)).toBe(0);
    expect(t.out()).toContain('+0 / \u22120 open failures since the previous run of the same scope (evidence of');
    expect(t.out()).toContain('1 now not judged or suppressed');
    expect(JSON.parse(readFileSync(join(parent, 'b', 'summary.json'), 'utf8'))).toMatchObject({ previous_run_id: first.run.id, new_failures: 0, fixed_failures: 0, gone_failures: 0 });
    expect(readFileSync(join(parent, 'b', 'report.html'), 'utf8')).toContain('id="change-since"');

    const d = io();
    expect(await main(['diff', join(parent, 'a'), join(parent, 'b', 'findings.json'), '--json'], d)).toBe(0);
    const diff = JSON.parse(d.out());
    expect(diff.nowSuppressed.map((i: { id: string }) => i.id)).toEqual([target.id]);
    expect([diff.newFailures, diff.regressions, diff.fixed, diff.nowNotJudged, diff.noLongerReported, diff.resourcesGone].map((l: unknown[]) => l.length)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(await main(['diff', join(parent, 'a'), join(parent, 'b'), '--fail-on-new'], io())).toBe(0);
    const back = io();
    expect(await main(['diff', join(parent, 'b'), join(parent, 'a'), '--fail-on-new'], back)).toBe(2);
    expect(back.out()).toContain('New failures (1):');
  });

  it('diff of an all-resources run against a --scope ephi run of the same evidence names the scopes and reports nothing gone', async () => {
    const parent = tmp();
    expect(await main(['--inventory', demo, '--output-dir', join(parent, 'all'), '--quiet'], io())).toBe(0);
    expect(await main(['--inventory', demo, '--output-dir', join(parent, 'ephi'), '--scope', 'ephi', '--quiet'], io())).toBe(0);
    const t = io();
    expect(await main(['diff', join(parent, 'all'), join(parent, 'ephi')], t)).toBe(0);
    const text = t.out();
    expect(text).toContain('resources: every resource in the old run, ePHI resources only (--scope ephi) in the new run');
    // Same evidence: every resource missing from the scoped run is out of its scope, none is gone.
    expect(text).toMatch(/\n {2}resources: 0 gone, [1-9]\d* out of the new run's scope \(not comparable\)\n/);
    expect(text).toMatch(/\n {2}findings: \+0 \/ \u22120 open failures: /);
    expect(text).not.toContain('Resources gone (');
    const json = io();
    expect(await main(['diff', join(parent, 'all'), join(parent, 'ephi'), '--json'], json)).toBe(0);
    const d = JSON.parse(json.out());
    expect(d).toMatchObject({ sameScope: false, resourcesGone: [], old: { resources: 'all' }, new: { resources: 'ephi' } });
    expect(d.resourcesOutOfScope.length).toBeGreaterThan(0);
    expect(new Set(d.resourcesOutOfScope.flatMap((r: { why: string[] }) => r.why))).toEqual(new Set(['--scope ephi leaves out resources that hold no ePHI']));
    // The other way round, the failures the scoped run left out are counted as outside its scope.
    const back = io();
    expect(await main(['diff', join(parent, 'ephi'), join(parent, 'all'), '--json'], back)).toBe(0);
    const b = JSON.parse(back.out());
    expect(b.newFailures.length).toBeGreaterThan(0);
    expect(b.newOutsideOldScope).toBe(b.newFailures.length);
    expect(b.scopeNote).toContain(`${b.newFailures.length} of the new failures are findings the old run's scope left out`);
  });

  it('diff --help names only the options diff has', async () => {
    const h = io();
    expect(await main(['diff', '--help'], h)).toBe(0);
    expect(h.out()).toContain('--profile <name>      AWS profile (for s3:// runs)');
    expect(h.out()).not.toContain('--kms');
    const v = io();
    expect(await main(['verify', '--help'], v)).toBe(0);
    expect(v.out()).toContain('AWS profile (for s3:// runs and --kms)');
  });

  it('--sign-key signs the local manifest through KMS (also for a replay), and verify checks it with the public key', async () => {
    const mocks = mockAccount();
    const key = rsaKey();
    mockSigningKms(mocks.kms as unknown as AwsClientStub<KMSClient>, key);
    const root = tmp();
    const dir = join(root, 'run');
    const t = io();
    expect(await main(['--inventory', demo, '--region', 'us-east-1', '--sign-key', KEY_ARN, '--output-dir', dir], t)).toBe(0);
    expect(existsSync(join(dir, 'manifest.sig.json'))).toBe(true);
    expect(t.out()).toContain('manifest.sig.json');
    const pem = join(root, 'key.pem');
    writeFileSync(pem, key.publicKey.export({ format: 'pem', type: 'spki' }));
    const v = io();
    expect(await main(['verify', dir, '--public-key', pem], v)).toBe(0);
    expect(v.out()).toContain('signature: valid: verifies with the public key given (RSASSA_PKCS1_V1_5_SHA_256)');
    expect(v.out()).toContain('and the manifest carries a valid signature');

    const other = join(root, 'other.der');
    writeFileSync(other, rsaKey().publicDer);
    const w = io();
    expect(await main(['verify', dir, '--public-key', other], w)).toBe(5);
    expect(w.out()).toContain('MISMATCH  manifest.sig.json: bad signature');
  });

  it('a key that cannot sign stops the run before the audit', async () => {
    const mocks = mockAccount();
    mocks.kms!.on(GetPublicKeyCommand).resolves({ KeyId: KEY_ARN, KeyUsage: 'ENCRYPT_DECRYPT' });
    const dir = join(tmp(), 'run');
    const t = io();
    expect(await main(['--inventory', demo, '--region', 'us-east-1', '--sign-key', KEY_ARN, '--output-dir', dir], t)).toBe(1);
    expect(t.err()).toContain('not SIGN_VERIFY');
    // The output folder was probed (created) before any AWS call; nothing was written in it.
    expect(readdirSync(dir)).toEqual([]);
  });

  it('the help names the subcommands, and the audit command line is unchanged', async () => {
    const t = io();
    expect(await main(['--help'], t)).toBe(0);
    expect(t.out()).toContain('hipaa-audit verify DIR|s3://bucket/prefix/runs/<account>/<run>');
    const v = io();
    expect(await main(['verify', '--help'], v)).toBe(0);
    expect(v.out()).toContain('5 a file is missing or modified');
    expect(await main(['--format', 'ocsf,junit,markdown', '--inventory', demo, '--output-dir', join(tmp(), 'r'), '--quiet'], io())).toBe(0);
  });
});
