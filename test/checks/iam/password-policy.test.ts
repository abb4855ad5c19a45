import check from '../../../checks/iam/password-policy';
import { DEFAULT_THRESHOLDS } from '../../../src/config/types';
import type { IamInventory, PasswordPolicy } from '../../../src/inventory/types';
import { checkContext, denied, failed, inventory, ok } from '../../support/inventory';
import { iamInventory } from '../../support/builders/iam';

const STRONG: PasswordPolicy = {
  minimumPasswordLength: 14,
  requireSymbols: true,
  requireNumbers: true,
  requireUppercaseCharacters: true,
  requireLowercaseCharacters: true,
  allowUsersToChangePassword: true,
  maxPasswordAge: 90,
  passwordReusePrevention: 24,
  hardExpiry: false,
};

const ACCOUNT = { type: 'AwsAccount', id: '111122223333', arn: 'AWS::::Account:111122223333' };
const iam = (policy: IamInventory['passwordPolicy']) => iamInventory({ passwordPolicy: policy });
const run = (policy: IamInventory['passwordPolicy'], ctx = checkContext()) => check.evaluate(inventory({ iam: iam(policy) }), ctx);

describe('iam.password-policy', () => {
  it('passes a policy that meets every threshold and summarises it', () => {
    expect(run(ok(STRONG))).toEqual([
      {
        status: 'PASS',
        region: 'global',
        resource: ACCOUNT,
        message:
          'the IAM password policy requires at least 14 characters with uppercase letters, lowercase letters, numbers and symbols; ' +
          'passwords expire after 90 days; the last 24 passwords cannot be reused',
      },
    ]);
  });

  it('fails an account without a password policy', () => {
    const [result] = run(ok(null));
    expect(result).toMatchObject({ status: 'FAIL', resource: ACCOUNT });
    expect(result?.message).toMatch(/^the account has no IAM password policy \(the IAM default then applies: 8 characters/);
  });

  it('lists every unmet requirement of a weak policy', () => {
    const weak: PasswordPolicy = {
      ...STRONG,
      minimumPasswordLength: 8,
      requireSymbols: false,
      requireUppercaseCharacters: false,
      maxPasswordAge: null,
      passwordReusePrevention: null,
    };
    const [result] = run(ok(weak));
    expect(result?.status).toBe('FAIL');
    expect(result?.message).toBe(
      'the IAM password policy falls short: minimum length is 8 (required 14); uppercase letters are not required; ' +
        'symbols are not required; passwords never expire (required within 90 days); ' +
        'password reuse is not prevented (required: remember the last 24)',
    );
  });

  it('fails expiry that is too long and reuse prevention that is too short', () => {
    const [result] = run(ok({ ...STRONG, maxPasswordAge: 180, passwordReusePrevention: 5, requireLowercaseCharacters: false, requireNumbers: false }));
    expect(result?.message).toBe(
      'the IAM password policy falls short: lowercase letters are not required; numbers are not required; ' +
        'passwords expire after 180 days (required within 90 days); only the last 5 passwords are remembered (required 24)',
    );
  });

  it('judges against the configured thresholds (expiry and reuse not required, shorter length)', () => {
    const relaxed = checkContext({
      thresholds: {
        ...DEFAULT_THRESHOLDS,
        passwordPolicy: { minimumLength: 12, requireUppercase: true, requireLowercase: true, requireNumbers: true, requireSymbols: false, maxAgeDays: null, reusePrevention: null },
      },
    });
    const policy = { ...STRONG, minimumPasswordLength: 12, requireSymbols: false, maxPasswordAge: null, passwordReusePrevention: null };
    const [result] = run(ok(policy), relaxed);
    expect(result?.status).toBe('PASS');
    expect(result?.message).toContain('passwords never expire; reuse is not prevented');
    expect(run(ok(policy))[0]?.status).toBe('FAIL');
  });

  it('reports ERROR when the password policy could not be read', () => {
    const [result] = run(failed(denied('iam', 'GetAccountPasswordPolicy', 'global')));
    expect(result).toMatchObject({ status: 'ERROR', resource: ACCOUNT });
    expect(result?.message).toContain('could not read the IAM password policy: AccessDenied');
  });
});
