import type { PasswordPolicyThresholds } from '../../src/config/types';
import type { Check } from '../../src/evaluate/types';
import { accountResource, fail, GLOBAL, globalSection, pass, withRead } from '../../src/evaluate/results';
import type { PasswordPolicy } from '../../src/inventory/types';

function join(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Every requirement of `wanted` the policy misses, each saying what is set and what is required. */
function shortfalls(p: PasswordPolicy, wanted: PasswordPolicyThresholds): string[] {
  const gaps: string[] = [];
  if (p.minimumPasswordLength < wanted.minimumLength) {
    gaps.push(`minimum length is ${p.minimumPasswordLength} (required ${wanted.minimumLength})`);
  }
  if (wanted.requireUppercase && !p.requireUppercaseCharacters) gaps.push('uppercase letters are not required');
  if (wanted.requireLowercase && !p.requireLowercaseCharacters) gaps.push('lowercase letters are not required');
  if (wanted.requireNumbers && !p.requireNumbers) gaps.push('numbers are not required');
  if (wanted.requireSymbols && !p.requireSymbols) gaps.push('symbols are not required');
  if (wanted.maxAgeDays !== null) {
    if (p.maxPasswordAge === null) gaps.push(`passwords never expire (required within ${wanted.maxAgeDays} days)`);
    else if (p.maxPasswordAge > wanted.maxAgeDays) {
      gaps.push(`passwords expire after ${p.maxPasswordAge} days (required within ${wanted.maxAgeDays} days)`);
    }
  }
  if (wanted.reusePrevention !== null) {
    if (p.passwordReusePrevention === null) {
      gaps.push(`password reuse is not prevented (required: remember the last ${wanted.reusePrevention})`);
    } else if (p.passwordReusePrevention < wanted.reusePrevention) {
      gaps.push(`only the last ${p.passwordReusePrevention} passwords are remembered (required ${wanted.reusePrevention})`);
    }
  }
  return gaps;
}

function summary(p: PasswordPolicy): string {
  const classes = [
    p.requireUppercaseCharacters ? 'uppercase letters' : '',
    p.requireLowercaseCharacters ? 'lowercase letters' : '',
    p.requireNumbers ? 'numbers' : '',
    p.requireSymbols ? 'symbols' : '',
  ].filter((c) => c !== '');
  return [
    `at least ${p.minimumPasswordLength} characters${classes.length > 0 ? ` with ${join(classes)}` : ''}`,
    p.maxPasswordAge === null ? 'passwords never expire' : `passwords expire after ${p.maxPasswordAge} days`,
    p.passwordReusePrevention === null ? 'reuse is not prevented' : `the last ${p.passwordReusePrevention} passwords cannot be reused`,
  ].join('; ');
}

const check: Check = {
  id: 'iam.password-policy',
  title: 'The IAM password policy meets the configured strength',
  severity: 'medium',
  hipaa: ['164.308(a)(5)(ii)(D)'],
  controls: ['IAM.7'],
  description:
    'Password management is an addressable implementation specification of the security awareness and training ' +
    'standard: IAM users who sign in to the console with weak, never-expiring or reused passwords expose every ePHI ' +
    'resource their permissions reach. The account password policy is compared with the configured thresholds ' +
    '(length, character classes, expiry, reuse prevention); every unmet requirement is reported.',
  remediation: {
    text:
      'IAM console > Account settings > Password policy > Edit, or `aws iam update-account-password-policy ' +
      '--minimum-password-length 14 --require-uppercase-characters --require-lowercase-characters --require-numbers ' +
      '--require-symbols --max-password-age 90 --password-reuse-prevention 24` (match your configured thresholds).',
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html',
  },
  reads: ['iam.passwordPolicy'],
  evaluate(inventory, ctx) {
    const account = accountResource(inventory);
    return globalSection(inventory, 'iam', inventory.iam, (iam) =>
      withRead(
        iam.passwordPolicy,
        GLOBAL,
        account,
        (policy) => {
          if (policy === null) {
            return [
              fail(
                GLOBAL,
                account,
                'the account has no IAM password policy (the IAM default then applies: 8 characters from three of ' +
                  'four character classes, passwords never expire and may be reused)',
              ),
            ];
          }
          const gaps = shortfalls(policy, ctx.thresholds.passwordPolicy);
          if (gaps.length > 0) return [fail(GLOBAL, account, `the IAM password policy falls short: ${gaps.join('; ')}`)];
          return [pass(GLOBAL, account, `the IAM password policy requires ${summary(policy)}`)];
        },
        'the IAM password policy',
      ),
    );
  },
};

export default check;
