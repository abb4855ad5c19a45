import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFrontClient, CreateDistributionCommand, type DistributionConfig } from '@aws-sdk/client-cloudfront';
import { ACMClient, RequestCertificateCommand } from '@aws-sdk/client-acm';
import { CreateSubnetCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import * as classicApi from '@aws-sdk/client-elastic-load-balancing';
import * as v2 from '@aws-sdk/client-elastic-load-balancing-v2';
import { main } from '../../src/cli/main';
import type { FindingsReport } from '../../src/evaluate/finding';
import { startEmulator, type Emulator } from '../support/emulator';

/**
 * The ELB and CloudFront paths over real HTTP: the SDK's query (ELB) and REST-XML (CloudFront) serialisation against
 * the moto server, seeded with the SDK, audited by the CLI through --endpoint-url. Where moto departs from the API
 * reference, test/support/emulator/server.py patches it (CloudFront summaries, Classic instance protocols); its other
 * quirks are left in on purpose, because the auditor must read through them: SslPolicy reported on HTTP and TCP
 * listeners, NLB attributes without access_logs.s3.enabled, target groups listing a load balancer twice, and a
 * ViewerCertificate naming an ACM certificate while still claiming the default one.
 */
jest.setTimeout(120_000);

let emu: Emulator;
const saved = { ...process.env };

async function seed(url: string): Promise<void> {
  const config = { region: 'us-east-1', endpoint: url, credentials: { accessKeyId: 'AKIALOCAL', secretAccessKey: 'local' } };
  const acm = new ACMClient(config);
  const cert = (await acm.send(new RequestCertificateCommand({ DomainName: 'portal.example-health.org' }))).CertificateArn as string;
  const ec2 = new EC2Client(config);
  const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc?.VpcId as string;
  const subnet = async (cidr: string, zone: string) => (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: cidr, AvailabilityZone: zone }))).Subnet?.SubnetId as string;
  const subnets = [await subnet('10.0.1.0/24', 'us-east-1a'), await subnet('10.0.2.0/24', 'us-east-1b')];

  const elb = new v2.ElasticLoadBalancingV2Client(config);
  const lb = async (Name: string, Type: 'application' | 'network') => (await elb.send(new v2.CreateLoadBalancerCommand({ Name, Subnets: subnets, Type }))).LoadBalancers?.[0]?.LoadBalancerArn as string;
  const tg = async (Name: string, Protocol: v2.ProtocolEnum, Port: number) =>
    (await elb.send(new v2.CreateTargetGroupCommand({ Name, Protocol, Port, VpcId: vpc, TargetType: 'instance' }))).TargetGroups?.[0]?.TargetGroupArn as string;
  const listen = async (input: v2.CreateListenerCommandInput) => (await elb.send(new v2.CreateListenerCommand(input))).Listeners?.[0]?.ListenerArn as string;
  const toHttps: v2.Action = { Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } };

  const portal = await lb('portal', 'application');
  const appHttps = await tg('app-https', 'HTTPS', 443);
  const apiHttp = await tg('api-http', 'HTTP', 8080);
  await listen({ LoadBalancerArn: portal, Protocol: 'HTTP', Port: 80, DefaultActions: [toHttps] });
  const portalHttps = await listen({
    LoadBalancerArn: portal,
    Protocol: 'HTTPS',
    Port: 443,
    SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
    Certificates: [{ CertificateArn: cert }],
    DefaultActions: [{ Type: 'forward', TargetGroupArn: appHttps }],
  });
  await elb.send(new v2.CreateRuleCommand({ ListenerArn: portalHttps, Priority: 10, Conditions: [{ Field: 'path-pattern', Values: ['/api/*'] }], Actions: [{ Type: 'forward', TargetGroupArn: apiHttp }] }));
  await elb.send(new v2.ModifyLoadBalancerAttributesCommand({ LoadBalancerArn: portal, Attributes: [{ Key: 'access_logs.s3.enabled', Value: 'true' }, { Key: 'access_logs.s3.bucket', Value: 'phi-elb-logs' }] }));

  const intake = await lb('intake', 'application');
  const intakeHttp = await tg('intake-http', 'HTTP', 80);
  const intakeRedirect = await listen({ LoadBalancerArn: intake, Protocol: 'HTTP', Port: 80, DefaultActions: [toHttps] });
  await elb.send(new v2.CreateRuleCommand({ ListenerArn: intakeRedirect, Priority: 5, Conditions: [{ Field: 'path-pattern', Values: ['/upload/*'] }], Actions: [{ Type: 'forward', TargetGroupArn: intakeHttp }] }));
  await listen({ LoadBalancerArn: intake, Protocol: 'HTTPS', Port: 443, SslPolicy: 'ELBSecurityPolicy-2016-08', Certificates: [{ CertificateArn: cert }], DefaultActions: [{ Type: 'forward', TargetGroupArn: intakeHttp }] });

  const hl7 = await lb('hl7', 'network');
  const hl7Tcp = await tg('hl7-tcp', 'TCP', 2575);
  await listen({ LoadBalancerArn: hl7, Protocol: 'TCP', Port: 2575, DefaultActions: [{ Type: 'forward', TargetGroupArn: hl7Tcp }] });
  await listen({ LoadBalancerArn: hl7, Protocol: 'TLS', Port: 6514, SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', Certificates: [{ CertificateArn: cert }], DefaultActions: [{ Type: 'forward', TargetGroupArn: hl7Tcp }] });

  const classic = new classicApi.ElasticLoadBalancingClient(config);
  await classic.send(
    new classicApi.CreateLoadBalancerCommand({
      LoadBalancerName: 'legacy',
      AvailabilityZones: ['us-east-1a'],
      Listeners: [{ Protocol: 'HTTPS', LoadBalancerPort: 443, InstanceProtocol: 'HTTP', InstancePort: 80, SSLCertificateId: cert }],
    }),
  );
  await classic.send(
    new classicApi.CreateLoadBalancerPolicyCommand({
      LoadBalancerName: 'legacy',
      PolicyName: 'tls12',
      PolicyTypeName: 'SSLNegotiationPolicyType',
      PolicyAttributes: [{ AttributeName: 'Reference-Security-Policy', AttributeValue: 'ELBSecurityPolicy-TLS-1-2-2017-01' }],
    }),
  );
  await classic.send(new classicApi.SetLoadBalancerPoliciesOfListenerCommand({ LoadBalancerName: 'legacy', LoadBalancerPort: 443, PolicyNames: ['tls12'] }));

  const cf = new CloudFrontClient(config);
  const distribution = (ref: string, viewer: 'redirect-to-https' | 'allow-all', origin: 'https-only' | 'http-only', certificate: DistributionConfig['ViewerCertificate']): DistributionConfig => ({
    CallerReference: ref,
    Comment: ref,
    Enabled: true,
    Origins: {
      Quantity: 2,
      Items: [
        { Id: 'app', DomainName: `${ref}-origin.example-health.org`, CustomOriginConfig: { HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: origin, OriginSslProtocols: { Quantity: 1, Items: ['TLSv1.2'] } } },
        { Id: 'assets', DomainName: `${ref}-assets.s3.amazonaws.com`, S3OriginConfig: { OriginAccessIdentity: '' } },
      ],
    },
    DefaultCacheBehavior: { TargetOriginId: 'app', ViewerProtocolPolicy: viewer, ForwardedValues: { QueryString: false, Cookies: { Forward: 'none' } }, MinTTL: 0 },
    CacheBehaviors: {
      Quantity: 1,
      Items: [{ PathPattern: '/static/*', TargetOriginId: 'assets', ViewerProtocolPolicy: 'https-only', ForwardedValues: { QueryString: false, Cookies: { Forward: 'none' } }, MinTTL: 0 }],
    },
    ViewerCertificate: certificate,
  });
  await cf.send(new CreateDistributionCommand({ DistributionConfig: distribution('portal', 'redirect-to-https', 'https-only', { ACMCertificateArn: cert, SSLSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' }) }));
  await cf.send(new CreateDistributionCommand({ DistributionConfig: distribution('marketing', 'allow-all', 'http-only', { CloudFrontDefaultCertificate: true }) }));
}

beforeAll(async () => {
  emu = await startEmulator();
  await seed(emu.url);
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIALOCAL', AWS_SECRET_ACCESS_KEY: 'local' });
});

afterAll(async () => {
  process.env = saved;
  await emu?.stop();
});

describe('ELB and CloudFront over real HTTP against the moto emulator', () => {
  it('collects through --endpoint-url and judges every listener, policy, target group, log setting and distribution', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'emu-tls-')), 'run');
    let err = '';
    const code = await main(['--endpoint-url', emu.url, '--region', 'us-east-1', '--checks', 'elb.,cloudfront.', '--output-dir', dir, '--format', 'json', '--quiet'], {
      stdout: { write: () => undefined, isTTY: false },
      stderr: { write: (s) => void (err += s), isTTY: false },
    });
    expect(err).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'findings.json'), 'utf8')) as FindingsReport;
    const verdicts = Object.fromEntries(report.findings.map((f) => [`${f.checkId} ${f.resource.id}`, f.status]));
    const cloudfrontIds = report.findings.filter((f) => f.checkId === 'cloudfront.viewer-https').map((f) => f.resource.id);
    expect(cloudfrontIds).toHaveLength(2);
    const byComment = (ref: string) => report.findings.find((f) => f.checkId === 'cloudfront.viewer-https' && f.message.includes(ref === 'portal' ? 'TLSv1.2_2021' : 'allow-all'))?.resource.id as string;
    const [portalDist, marketingDist] = [byComment('portal'), byComment('marketing')];

    expect(verdicts).toEqual({
      'elb.listeners-encrypted portal': 'PASS',
      'elb.listeners-encrypted intake': 'FAIL',
      'elb.listeners-encrypted hl7': 'FAIL',
      'elb.listeners-encrypted legacy': 'PASS',
      'elb.tls-policy portal': 'PASS',
      'elb.tls-policy intake': 'FAIL',
      'elb.tls-policy hl7': 'PASS',
      'elb.tls-policy legacy': 'PASS',
      'elb.targets-encrypted app-https': 'PASS',
      'elb.targets-encrypted api-http': 'FAIL',
      'elb.targets-encrypted intake-http': 'FAIL',
      'elb.targets-encrypted hl7-tcp': 'FAIL',
      'elb.targets-encrypted legacy': 'FAIL',
      'elb.access-logs portal': 'PASS',
      'elb.access-logs intake': 'FAIL',
      'elb.access-logs hl7': 'FAIL',
      'elb.access-logs legacy': 'FAIL',
      [`cloudfront.viewer-https ${portalDist}`]: 'PASS',
      [`cloudfront.viewer-https ${marketingDist}`]: 'FAIL',
      [`cloudfront.origin-https ${portalDist}`]: 'PASS',
      [`cloudfront.origin-https ${marketingDist}`]: 'FAIL',
    });
    const message = (check: string, id: string) => report.findings.find((f) => f.checkId === check && f.resource.id === id)?.message;
    // moto names a policy on the HTTP listener too; only the HTTPS one is judged.
    expect(message('elb.tls-policy', 'portal')).toBe('ALB portal: HTTPS:443 uses ELBSecurityPolicy-TLS13-1-2-2021-06 (TLSv1.2, TLSv1.3)');
    expect(message('elb.listeners-encrypted', 'intake')).toBe('ALB intake: HTTP:80 redirects to HTTPS by default but its rule priority 5 (forward) serves requests in clear text; HTTPS:443 terminates TLS');
    expect(message('elb.targets-encrypted', 'api-http')).toContain('reached from HTTPS:443 of ALB portal');
    expect(message('elb.targets-encrypted', 'legacy')).toContain('HTTPS:443 → HTTP:80');
    expect(message('elb.tls-policy', 'legacy')).toContain('(the predefined ELBSecurityPolicy-TLS-1-2-2017-01)');
    expect(message('elb.access-logs', 'hl7')).toContain('access_logs.s3.enabled is not set (off by default)');
    expect(message('cloudfront.viewer-https', portalDist)).toContain('security policy TLSv1.2_2021');
    expect(message('cloudfront.origin-https', marketingDist)).toContain('origin app (marketing-origin.example-health.org) is reached over HTTP only (http-only); 1 S3 or VPC origin not judged');
    expect(report.findings.find((f) => f.resource.id === portalDist)?.resource.arn).toBe(`arn:aws:cloudfront::123456789012:distribution/${portalDist}`);
    // CloudFront was read once; no ACM call: a scoped run reads only what its checks need.
    expect(report.run.apiCalls.byService).toMatchObject({ cloudfront: 1 });
    expect(report.run.apiCalls.byService.acm).toBeUndefined();
  });
});
