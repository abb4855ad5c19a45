import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import supplement from '../../iam/securityaudit-supplement-policy.json';
import { memberRoleArn } from '../../src/lambda/org';
import { asList, resolve, ROOT, type Json, type Statement, type Template } from './cfn';

const template = parse(readFileSync(join(ROOT, 'deploy', 'member-role.yml'), 'utf8')) as Template & { Parameters: Record<string, Record<string, unknown>> };
const role = template.Resources.AuditRole!;
const p = role.Properties as Record<string, any>;

describe('deploy/member-role.yml', () => {
  it('is plain CloudFormation (long-form intrinsics) with one IAM role, deployable as a StackSet', () => {
    expect(Object.keys(template.Resources)).toEqual(['AuditRole']);
    expect(role.Type).toBe('AWS::IAM::Role');
    expect(Object.keys(template.Parameters).sort()).toEqual(['AuditorRoleArn', 'ExternalId', 'RoleName']);
    expect(template.Parameters.ExternalId).toMatchObject({ NoEcho: true, MinLength: 2 });
    expect(template.Parameters.RoleName!.Default).toBe('HipaaAuditor');
    expect(new RegExp(template.Parameters.AuditorRoleArn!.AllowedPattern as string).test('arn:aws:iam::111122223333:role/hipaa-posture-auditor-prod-us-east-1')).toBe(true);
    expect(new RegExp(template.Parameters.AuditorRoleArn!.AllowedPattern as string).test('arn:aws:iam::111122223333:root')).toBe(false);
  });

  it('trusts only the auditor role, and only with the external id', () => {
    expect(p.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Sid: 'AuditorRoleWithExternalId',
        Effect: 'Allow',
        Principal: { AWS: { Ref: 'AuditorRoleArn' } },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': { Ref: 'ExternalId' } } },
      },
    ]);
    expect(p.MaxSessionDuration).toBe(3600);
  });

  it('reads with SecurityAudit and the supplement, and writes nothing but its own findings to its own Security Hub', () => {
    expect(p.ManagedPolicyArns).toEqual([{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/SecurityAudit' }]);
    const policies = p.Policies as Array<{ PolicyName: string; PolicyDocument: { Statement: Statement[] } }>;
    expect(policies.find((x) => x.PolicyName === 'securityaudit-supplement')!.PolicyDocument).toEqual(supplement);
    const statements = policies.flatMap((x) => x.PolicyDocument.Statement);
    const writes = statements.filter((s) => asList(s.Action).some((a) => !/^(\w+):(List|Get|Describe)/.test(a)));
    expect(writes).toEqual([
      { Sid: 'ImportOwnFindings', Effect: 'Allow', Action: 'securityhub:BatchImportFindings', Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:securityhub:*:${AWS::AccountId}:product/${AWS::AccountId}/default' } },
    ]);
    const resolved = resolve(template, writes[0]!.Resource as unknown as Json);
    expect(resolved).toBe('arn:aws:securityhub:*:111122223333:product/111122223333/default');
    for (const s of statements) for (const a of asList(s.Action)) expect(a).not.toContain('*');
  });

  it('has the name and ARN the auditor assumes', () => {
    expect(p.RoleName).toEqual({ Ref: 'RoleName' });
    expect(memberRoleArn('aws', '444455556666', template.Parameters.RoleName!.Default as string)).toBe('arn:aws:iam::444455556666:role/HipaaAuditor');
  });
});
