import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** Helpers for tests over CloudFormation templates: packaging, resources by type, intrinsic functions resolved. */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export interface Resource {
  Type: string;
  Properties?: Record<string, Json>;
  DependsOn?: string | string[];
  Condition?: string;
}
export interface Template {
  Resources: Record<string, Resource>;
  Outputs?: Record<string, { Value: Json }>;
  Conditions?: Record<string, Json>;
}
export interface Packaged {
  dir: string;
  template: Template;
}

export const ROOT = join(__dirname, '..', '..');

/** `npx serverless package --stage test` with extra --param values, into a fresh directory. */
export async function serverlessPackage(params: Record<string, string> = {}): Promise<Packaged> {
  const dir = mkdtempSync(join(tmpdir(), 'sls-package-'));
  const args = ['serverless', 'package', '--stage', 'test', '--region', 'us-east-1', '--package', dir];
  for (const [name, value] of Object.entries(params)) args.push(`--param=${name}=${value}`);
  try {
    await promisify(execFile)('npx', args, {
      cwd: ROOT,
      env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off', CI: 'true' },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const e = error as Error & { stdout?: string; stderr?: string };
    throw new Error(`serverless package failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
  return { dir, template: JSON.parse(readFileSync(join(dir, 'cloudformation-template-update-stack.json'), 'utf8')) as Template };
}

export function resourcesOf(template: Template, type: string): Array<[string, Resource]> {
  return Object.entries(template.Resources).filter(([, r]) => r.Type === type);
}

export function resource(template: Template, logicalId: string): Resource {
  const r = template.Resources[logicalId];
  if (!r) throw new Error(`no resource ${logicalId} (have ${Object.keys(template.Resources).join(', ')})`);
  return r;
}

export function props(template: Template, logicalId: string): Record<string, any> {
  return (resource(template, logicalId).Properties ?? {}) as Record<string, any>;
}

export const FAKE = { account: '111122223333', region: 'us-east-1', partition: 'aws' };

/** The physical value of a Ref or GetAtt in a pretend deployment (bucket names are the logical ids, lower-cased). */
function physical(template: Template, logicalId: string, attribute?: string): string {
  if (logicalId === 'AWS::AccountId') return FAKE.account;
  if (logicalId === 'AWS::Region') return FAKE.region;
  if (logicalId === 'AWS::Partition') return FAKE.partition;
  if (logicalId === 'AWS::NoValue') return '__NoValue__';
  const r = resource(template, logicalId);
  const name = `test-${logicalId.toLowerCase()}`;
  switch (r.Type) {
    case 'AWS::S3::Bucket':
      return attribute === 'Arn' ? `arn:aws:s3:::${name}` : name;
    case 'AWS::KMS::Key':
      return attribute === 'Arn' ? `arn:aws:kms:${FAKE.region}:${FAKE.account}:key/${logicalId}` : logicalId;
    case 'AWS::IAM::Role':
      return attribute === 'Arn' ? `arn:aws:iam::${FAKE.account}:role/${(r.Properties?.RoleName as string) ?? name}` : name;
    case 'AWS::SQS::Queue':
      return attribute === 'Arn' ? `arn:aws:sqs:${FAKE.region}:${FAKE.account}:${name}` : `https://sqs/${name}`;
    case 'AWS::Lambda::Function':
      return `arn:aws:lambda:${FAKE.region}:${FAKE.account}:function:${(r.Properties?.FunctionName as string) ?? name}`;
    default:
      return attribute ? `${name}.${attribute}` : name;
  }
}

/** Resolves Ref, Fn::GetAtt, Fn::Sub (both forms) and Fn::Join to strings, as CloudFormation would. */
export function resolve(template: Template, value: Json): Json {
  if (Array.isArray(value)) return value.map((v) => resolve(template, v)).filter((v) => v !== '__NoValue__');
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  if (keys.length === 1) {
    const [fn] = keys as [string];
    const arg = value[fn] as Json;
    if (fn === 'Ref') return physical(template, arg as string);
    if (fn === 'Fn::GetAtt') {
      const [id, attr] = Array.isArray(arg) ? (arg as string[]) : (arg as string).split('.');
      return physical(template, id as string, attr);
    }
    if (fn === 'Fn::Sub') {
      const [text, vars] = Array.isArray(arg) ? [arg[0] as string, (arg[1] ?? {}) as Record<string, Json>] : [arg as string, {}];
      return text.replace(/\$\{([^}]+)\}/g, (_m, name: string) => {
        if (name in vars) return String(resolve(template, vars[name] as Json));
        const [id, attr] = name.split('.');
        return physical(template, id as string, attr);
      });
    }
    if (fn === 'Fn::Join') {
      const [sep, parts] = arg as [string, Json[]];
      return parts.map((p) => String(resolve(template, p))).join(sep);
    }
  }
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(value)) {
    const r = resolve(template, v);
    if (r !== '__NoValue__') out[k] = r;
  }
  return out;
}

export interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource?: string | string[];
  Principal?: Json;
  Condition?: Record<string, Record<string, string | string[]>>;
}

export const asList = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Every identity-policy statement in the template (inline role policies and AWS::IAM::Policy), resolved, with its role. */
export function identityStatements(template: Template): Array<{ role: string; statement: Statement }> {
  const out: Array<{ role: string; statement: Statement }> = [];
  for (const [id, r] of resourcesOf(template, 'AWS::IAM::Role')) {
    for (const p of asList(r.Properties?.Policies as Json[] | undefined) as Array<{ PolicyDocument: Json }>) {
      const doc = resolve(template, p.PolicyDocument) as unknown as { Statement: Statement[] };
      for (const statement of doc.Statement) out.push({ role: id, statement });
    }
  }
  for (const [, r] of resourcesOf(template, 'AWS::IAM::Policy')) {
    const doc = resolve(template, r.Properties?.PolicyDocument as Json) as unknown as { Statement: Statement[] };
    for (const role of asList(r.Properties?.Roles as Json[]) as Array<{ Ref: string }>) for (const statement of doc.Statement) out.push({ role: role.Ref, statement });
  }
  return out;
}
