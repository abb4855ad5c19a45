import check from '../../../checks/account/ephi-in-eligible-services';
import { DEFAULT_CLASSIFICATION, type ClassificationConfig } from '../../../src/judge/classification';
import { ELIGIBLE_LIST, ELIGIBLE_NAMESPACES } from '../../../src/judge/hipaa-eligible';
import list from '../../../src/judge/hipaa-eligible-services.json';
import type { Inventory } from '../../../src/inventory/types';
import { authorizationDetails, iamRole } from '../../support/builders/iam';
import { dbInstance } from '../../support/builders/rds';
import { table } from '../../support/builders/dynamodb';
import { PHI, tagged, tagging } from '../../support/builders/tagging';
import { ACCOUNT, checkContext, denied, inventory, ok } from '../../support/inventory';

const arn = (service: string, rest: string, region = 'us-east-1') => `arn:aws:${service}:${region}:${ACCOUNT}:${rest}`;
const lightsailDb = arn('lightsail', 'RelationalDatabase/5b6f0e1a');
const claims = arn('dynamodb', 'table/claims');

const run = (inv: Inventory, classification: ClassificationConfig = DEFAULT_CLASSIFICATION) => check.evaluate(inv, checkContext({ classification }));

describe('account.ephi-in-eligible-services', () => {
  it('has the exact metadata', () => {
    expect(check).toMatchObject({
      id: 'account.ephi-in-eligible-services',
      severity: 'high',
      hipaa: ['164.308(b)(1)', '164.314(a)(1)'],
      controls: [],
      reads: ['tagging.resources'],
      ephiOnly: true,
    });
  });

  it('ships its list with its source and date, keyed by ARN namespace', () => {
    expect(ELIGIBLE_LIST).toEqual({ title: 'HIPAA Eligible Services Reference', url: 'https://aws.amazon.com/compliance/hipaa-eligible-services-reference/', compiled: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(ELIGIBLE_NAMESPACES).toEqual(expect.arrayContaining(['s3', 'rds', 'dynamodb', 'elasticfilesystem', 'es', 'sqs', 'sns', 'ec2', 'redshift', 'elasticache', 'kms', 'lambda']));
    expect(ELIGIBLE_NAMESPACES).not.toContain('lightsail');
    for (const ns of ELIGIBLE_NAMESPACES) expect(ns).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    expect(list.unmapped.length).toBeGreaterThan(0);
  });

  it('passes ePHI in eligible services, fails ePHI elsewhere, and leaves other resources alone', () => {
    const inv = inventory({
      tagging: tagging({
        'us-east-1': [tagged(claims, PHI), tagged(lightsailDb, { PHI: 'Yes' }), tagged(arn('lightsail', 'Instance/web'), { team: 'web' }), tagged('arn:aws:s3:::public-site', { 'data-classification': 'public' })],
      }),
    });
    const results = run(inv);
    expect(results.map((r) => [r.status, r.region, r.resource.type, r.resource.id])).toEqual([
      ['PASS', 'us-east-1', 'AwsDynamoDbTable', 'claims'],
      ['FAIL', 'us-east-1', 'Other', '5b6f0e1a'],
    ]);
    expect(results[0]?.message).toBe(`claims (dynamodb) holds ePHI (tag data-classification=phi): Amazon DynamoDB is HIPAA eligible (the HIPAA Eligible Services Reference as compiled on ${ELIGIBLE_LIST.compiled})`);
    expect(results[1]?.message).toBe(
      `5b6f0e1a (lightsail) holds ePHI (tag PHI=Yes), but lightsail is not a HIPAA-eligible service (the HIPAA Eligible Services Reference as compiled on ${ELIGIBLE_LIST.compiled}; the config adds none)`,
    );
  });

  it('accepts the services the config adds, and classifies by ARN pattern too', () => {
    const config: ClassificationConfig = { ...DEFAULT_CLASSIFICATION, eligibleServices: ['lightsail'], arns: ['arn:aws:rds:*:*:db:patient-*'] };
    const inv = inventory({
      tagging: tagging({ 'us-east-1': [tagged(lightsailDb, PHI)] }),
      // An untagged database named by the pattern: the tagging API does not list it, the RDS listing does.
      rds: { 'us-east-1': { instances: ok([dbInstance('patient-db')]), clusters: ok([]) } },
      // A role tagged ePHI (it can reach ePHI) holds none itself: not judged.
      iam: { authorizationDetails: ok(authorizationDetails({ roles: [iamRole('claims-app', { tags: { phi: 'yes' } })] })) },
    });
    const results = run(inv, config);
    expect(results.map((r) => [r.status, r.resource.id, r.message.split(': ')[1]])).toEqual([
      ['PASS', '5b6f0e1a', 'lightsail is HIPAA eligible by the config (classification.eligibleServices)'],
      ['PASS', 'patient-db', 'Amazon RDS and Aurora (also Amazon DocumentDB and Amazon Neptune, which share the namespace) is HIPAA eligible (the HIPAA Eligible Services Reference as compiled on ' + ELIGIBLE_LIST.compiled + ')'],
    ]);
    expect(results[1]?.message).toContain('(ARN pattern arn:aws:rds:*:*:db:patient-*)');
  });

  it('judges resources whose own collector holds the ePHI tag even where the tagging API failed, with an ERROR for that region', () => {
    const inv = inventory({
      regions: ['us-east-1', 'eu-west-1'],
      tagging: tagging({ 'us-east-1': [], 'eu-west-1': denied('tagging', 'GetResources', 'eu-west-1') }),
      rds: { 'eu-west-1': { instances: ok([dbInstance('eu-db', { arn: arn('rds', 'db:eu-db', 'eu-west-1'), tags: { phi: 'true' } })]) } },
    });
    const results = run(inv);
    expect(results.map((r) => [r.status, r.region, r.resource.id])).toEqual([
      ['ERROR', 'eu-west-1', ACCOUNT],
      ['PASS', 'eu-west-1', 'eu-db'],
    ]);
    expect(results[0]?.message).toMatch(/^could not read the tagged resources of eu-west-1, so where ePHI lives there: AccessDenied: .*Fix: allow tag:GetResources/);
  });

  it('says so when nothing is classified as ePHI (one PASS for the account)', () => {
    const [r, ...rest] = run(inventory({ tagging: tagging({ 'us-east-1': [tagged(claims, { team: 'claims' })] }) }));
    expect(rest).toEqual([]);
    expect(r).toMatchObject({ status: 'PASS', region: 'global', resource: { type: 'AwsAccount' } });
    expect(r?.message).toContain('no resource is classified as ePHI (tags data-classification in phi/ephi, phi in true/yes)');
  });

  it('ERROR per region when the inventory holds no tags (a run that did not read them)', () => {
    const results = run(inventory({ regions: ['us-east-1'], dynamodb: { 'us-east-1': { tables: ok([table('claims')]) } } }));
    expect(results).toEqual([expect.objectContaining({ status: 'ERROR', region: 'us-east-1', message: expect.stringContaining('NotCollected') })]);
  });
});
