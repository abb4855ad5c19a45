import type { Check } from '../../src/evaluate/types';
import { accountResource, fail, globalSection, GLOBAL, pass, withRead } from '../../src/evaluate/results';
import { BLOCK_SETTINGS } from './buckets';

const check: Check = {
  id: 's3.account-public-access-block',
  title: 'S3 Block Public Access is fully enabled for the account',
  severity: 'high',
  hipaa: ['164.312(a)(1)', '164.308(a)(3)(i)'],
  controls: ['S3.1'],
  description:
    'The account-level S3 Block Public Access settings override bucket ACLs and policies in every region: with all four ' +
    'on, no bucket in the account (current or future) can be made public by mistake. A public bucket holding ePHI is an ' +
    'access-control failure and a reportable breach.',
  remediation: {
    text:
      'S3 console > Block Public Access settings for this account > Edit > tick "Block all public access" > Save; or ' +
      '`aws s3control put-public-access-block --account-id <ACCOUNT_ID> --public-access-block-configuration ' +
      'BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true`. First confirm no ' +
      'bucket must stay public (static websites are better served through CloudFront with origin access control).',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-account.html',
  },
  reads: ['s3.accountPublicAccessBlock'],
  evaluate(inventory) {
    const account = accountResource(inventory);
    return globalSection(inventory, 's3', inventory.s3, (s3) =>
      withRead(
        s3.accountPublicAccessBlock,
        GLOBAL,
        account,
        (block) => {
          if (block === null) {
            return [fail(GLOBAL, account, `account ${inventory.accountId} has no account-level S3 Block Public Access configured (all four settings off)`)];
          }
          const off = BLOCK_SETTINGS.filter(([key]) => !block[key]).map(([, name]) => name);
          if (off.length === 0) return [pass(GLOBAL, account, `all four account-level S3 Block Public Access settings are on for account ${inventory.accountId}`)];
          return [fail(GLOBAL, account, `account-level S3 Block Public Access is incomplete for account ${inventory.accountId}: ${off.join(', ')} ${off.length === 1 ? 'is' : 'are'} off`)];
        },
        'the account-level S3 Block Public Access settings',
      ),
    );
  },
};

export default check;
