import { parseConfig } from '../../src/config/load';
import { approvalText, compileSuppression, usesTags } from '../../src/config/suppressions';
import { DEFAULT_CLASSIFICATION } from '../../src/judge/classification';
import { runAudit } from '../../src/run-audit';
import { DEFAULT_CONFIG, type AuditConfig } from '../../src/config/types';
import { evaluate } from '../../src/evaluate/evaluate';
import { fail, pass } from '../../src/evaluate/results';
import type { Check } from '../../src/evaluate/types';
import { csvChunks, CSV_COLUMNS } from '../../src/report/csv';
import { findingRows } from '../../src/publish/s3/records';
import { toAsff } from '../../src/publish/security-hub/asff';
import { renderHtml } from '../../src/report/html';
import { validateReport } from '../../src/report/schema';
import { inventory } from '../support/inventory';
import { sampleReport } from '../support/report';

const ids = ['s3.demo', 'iam.demo'];
const bucket = (name: string) => ({ type: 'AwsS3Bucket', id: name, arn: `arn:aws:s3:::${name}` });
const check: Check = {
  id: 's3.demo',
  title: 'demo',
  severity: 'high',
  hipaa: ['164.312(a)(1)'],
  controls: [],
  description: 'd',
  remediation: { text: 'fix', url: 'https://docs.aws.amazon.com/' },
  reads: ['s3.buckets'],
  evaluate: () => [
    fail('us-east-1', bucket('phi-us'), 'open'),
    fail('eu-west-1', bucket('phi-eu'), 'open'),
    fail('global', bucket('everywhere'), 'open'),
    pass('us-east-1', bucket('fine'), 'closed'),
  ],
};
const inv = inventory({ regions: ['us-east-1', 'eu-west-1'] });
const now = new Date('2026-06-02T00:00:00Z');
const subject = (over: Partial<{ checkId: string; accountId: string; region: string }> = {}) => ({
  checkId: 's3.demo',
  accountId: '111122223333',
  region: 'us-east-1',
  resource: bucket('phi-us'),
  ...over,
});

describe('suppression scope', () => {
  it('matches check and resource always, and accounts and regions only when named', () => {
    const plain = compileSuppression({ checkId: 's3.demo', resource: 'phi-*', reason: 'r' });
    expect(plain(subject())).toBe(true);
    expect(plain(subject({ checkId: 's3.other' }))).toBe(false);
    expect(plain(subject({ accountId: '999999999999', region: 'ap-south-1' }))).toBe(true);

    const scoped = compileSuppression({ checkId: 's3.demo', resource: '*', reason: 'r', accounts: ['1111*', '444455556666'], regions: ['us-*', 'global'] });
    expect(scoped(subject())).toBe(true);
    expect(scoped(subject({ accountId: '444455556666' }))).toBe(true);
    expect(scoped(subject({ accountId: '211122223333' }))).toBe(false);
    expect(scoped(subject({ region: 'global' }))).toBe(true);
    expect(scoped(subject({ region: 'eu-west-1' }))).toBe(false);
    // A glob is the whole value: `us-*` is not `xus-east-1`, and `?` is one character.
    expect(compileSuppression({ checkId: 's3.demo', resource: '*', reason: 'r', regions: ['us-east-?'] })(subject({ region: 'us-east-12' }))).toBe(false);
  });

  it('suppresses only the findings of the named regions and accounts, and carries approvedBy and ticket', () => {
    const config: AuditConfig = {
      ...DEFAULT_CONFIG,
      suppressions: [
        { checkId: 's3.demo', resource: 'phi-*', reason: 'migration', regions: ['eu-west-1'], approvedBy: 'ciso@example.org', ticket: 'RISK-42' },
        { checkId: 's3.demo', resource: 'everywhere', reason: 'other account only', accounts: ['444455556666'] },
      ],
    };
    const { findings } = evaluate(inv, [check], config, now);
    const by = (id: string) => findings.find((f) => f.resource.id === id);
    expect(by('phi-eu')?.suppressed).toEqual({ reason: 'migration', approvedBy: 'ciso@example.org', ticket: 'RISK-42' });
    expect(by('phi-us')?.suppressed).toBeUndefined();
    expect(by('everywhere')?.suppressed).toBeUndefined();
    expect(by('fine')?.suppressed).toBeUndefined();
  });

  it('reads the new fields from the config file and refuses malformed accounts and regions', () => {
    const cfg = parseConfig(
      { suppressions: [{ checkId: 's3.demo', resource: '*', reason: 'sandbox', accounts: ['111122223333', '4444*'], regions: ['eu-*', 'global'], approvedBy: 'Dr. Jones', ticket: 'https://jira.example.org/RISK-7' }] },
      'c.yaml',
      ids,
    );
    expect(cfg.suppressions[0]).toEqual({
      checkId: 's3.demo',
      resource: '*',
      reason: 'sandbox',
      accounts: ['111122223333', '4444*'],
      regions: ['eu-*', 'global'],
      approvedBy: 'Dr. Jones',
      ticket: 'https://jira.example.org/RISK-7',
    });
    const refused = (s: Record<string, unknown>) => () => parseConfig({ suppressions: [{ checkId: 's3.demo', resource: '*', reason: 'why', ...s }] }, 'c.yaml', ids);
    expect(refused({ accounts: ['1111'] })).toThrow(/\/suppressions\/0\/accounts: '1111' is not a 12-digit account id/);
    expect(refused({ accounts: ['11112222333a'] })).toThrow(/\/suppressions\/0\/accounts\/0: must match pattern/);
    expect(refused({ accounts: [] })).toThrow(/must NOT have fewer than 1 items/);
    expect(refused({ regions: ['europe'] })).toThrow(/\/suppressions\/0\/regions: 'europe' is not a region name/);
    expect(refused({ regions: ['US-EAST-1'] })).toThrow(/must match pattern/);
    expect(refused({ approvedBy: '' })).toThrow(/approvedBy: must NOT have fewer than 1 characters/);
    expect(refused({ tags: {} })).toThrow(/\/suppressions\/0\/tags: must NOT have fewer than 1 properties/);
    expect(refused({ tags: { env: 3 } })).toThrow(/\/suppressions\/0\/tags\/env: must be string/);
    expect(refused({ tags: ['env'] })).toThrow(/\/suppressions\/0\/tags: must be object/);
    expect(parseConfig({ suppressions: [{ checkId: 's3.demo', resource: '*', reason: 'why', tags: { env: 'dev*' } }] }, 'c.yaml', ids).suppressions[0]?.tags).toEqual({ env: 'dev*' });
  });

  it('matches a tag scope on every tag it names (keys and value globs case-insensitive), and never on unknown tags', () => {
    const byTags = compileSuppression({ checkId: 's3.demo', resource: '*', reason: 'r', tags: { Environment: 'dev*', team: 'data' } });
    expect(byTags({ ...subject(), tags: { environment: 'Development', Team: 'DATA', other: 'x' } })).toBe(true);
    expect(byTags({ ...subject(), tags: { environment: 'prod', team: 'data' } })).toBe(false);
    // Every named tag must be there.
    expect(byTags({ ...subject(), tags: { environment: 'dev' } })).toBe(false);
    // A glob is the whole value, and its text is data, not a pattern: `.` is a dot.
    expect(compileSuppression({ checkId: 's3.demo', resource: '*', reason: 'r', tags: { v: '1.0' } })({ ...subject(), tags: { v: '1x0' } })).toBe(false);
    // Tags not known (unread region, account-level finding): the finding stays open.
    expect(byTags(subject())).toBe(false);
  });

  it('suppresses by tag from the inventory\'s tags, with classification on or off, and reads the tags a run needs for it', () => {
    const tagged = inventory({
      regions: ['us-east-1', 'eu-west-1'],
      tagging: {
        'us-east-1': { resources: { ok: true, value: [{ arn: 'arn:aws:s3:::phi-us', tags: { env: 'sandbox' } }] } },
        'eu-west-1': { resources: { ok: false, error: { service: 'tagging', region: 'eu-west-1', operation: 'GetResources', code: 'AccessDenied', message: 'denied' } } },
      },
      s3: { buckets: { ok: true, value: [
        { name: 'phi-us', arn: 'arn:aws:s3:::phi-us', region: 'us-east-1' },
        { name: 'phi-eu', arn: 'arn:aws:s3:::phi-eu', region: 'eu-west-1' },
        { name: 'fine', arn: 'arn:aws:s3:::fine', region: 'us-east-1' },
      ] } },
    });
    const suppressions = [{ checkId: 's3.demo', resource: '*', reason: 'sandboxes hold no ePHI', tags: { env: 'sandbox' } }];
    for (const classification of [undefined, { ...DEFAULT_CLASSIFICATION, enabled: false }]) {
      const { findings } = evaluate(tagged, [check], { ...DEFAULT_CONFIG, suppressions, ...(classification ? { classification } : {}) }, now);
      const by = (id: string) => findings.find((f) => f.resource.id === id);
      expect(by('phi-us')?.suppressed).toEqual({ reason: 'sandboxes hold no ePHI' });
      // eu-west-1's tags could not be read: not suppressed.
      expect(by('phi-eu')?.suppressed).toBeUndefined();
      expect(by('everywhere')?.suppressed).toBeUndefined();
    }
    expect(usesTags(suppressions)).toBe(true);
  });

  it('makes a run with classification off still read the tags when a suppression is scoped by tag', async () => {
    const off = { ...DEFAULT_CONFIG, classification: { ...DEFAULT_CLASSIFICATION, enabled: false } };
    const warnings = async (config: AuditConfig) => {
      const out: string[] = [];
      await runAudit({ source: { kind: 'inventory', inventory: { ...inv, reads: ['s3.buckets'] } }, config, checks: [check], onEvent: (e) => { if (e.type === 'warning') out.push(e.message); } });
      return out.filter((w) => w.includes('tagging.resources'));
    };
    expect(await warnings(off)).toEqual([]);
    const scoped = { ...off, suppressions: [{ checkId: 's3.demo', resource: '*', reason: 'sandboxes', tags: { env: 'sandbox' } }] };
    expect(await warnings(scoped)).toEqual([expect.stringContaining('the inventory holds no tagging.resources data')]);
  });

  it('shows approvedBy and ticket in findings.json, CSV, HTML, the Athena rows and Security Hub', () => {
    const report = sampleReport();
    const failing = report.findings.find((f) => f.status === 'FAIL')!;
    failing.suppressed = { reason: 'accepted <risk>', expires: '2027-01-01', approvedBy: 'Ann <ciso>', ticket: 'RISK-9' };
    expect(validateReport(report)).toEqual([]);

    const csv = [...csvChunks(report)].join('');
    expect(CSV_COLUMNS.slice(-2)).toEqual(['suppressionApprovedBy', 'suppressionTicket']);
    expect(csv).toContain(',Ann <ciso>,RISK-9\r\n');

    const row = findingRows(report).find((r) => r.finding_id === failing.id)!;
    expect(row).toMatchObject({ suppression_approved_by: 'Ann <ciso>', suppression_ticket: 'RISK-9' });
    expect(findingRows(report).find((r) => r.finding_id !== failing.id)).toMatchObject({ suppression_approved_by: null, suppression_ticket: null });

    const asff = toAsff(failing, { id: 'run-1', partition: 'aws', homeRegion: 'us-east-1' } as never, { firstObservedAt: 'a', createdAt: 'a', now: 'a' });
    expect(asff.ProductFields).toMatchObject({ 'hipaa-posture-auditor/SuppressionApprovedBy': 'Ann <ciso>', 'hipaa-posture-auditor/SuppressionTicket': 'RISK-9' });

    const html = renderHtml(report);
    // The print copy lists it, escaped; the data block carries both after the expiry.
    expect(html).toContain('<td class="wrap">Ann &lt;ciso&gt;</td><td class="wrap">RISK-9</td>');
    expect(html).toContain('"accepted \\u003crisk>","2027-01-01",2,null,"Ann \\u003cciso>","RISK-9"]');
    expect(html).not.toContain('Ann <ciso>');
  });

  it('names approver and ticket in one line', () => {
    expect(approvalText({ approvedBy: 'Ann', ticket: 'RISK-1' })).toBe('approved by Ann, ticket RISK-1');
    expect(approvalText({ ticket: 'RISK-1' })).toBe('ticket RISK-1');
    expect(approvalText({})).toBe('');
  });
});
