// Hermetic tests: no real AWS config, credentials or instance metadata can leak in.
import dns from 'node:dns';
import { join } from 'node:path';

const none = join(__dirname, 'no-such-aws-file');
process.env.AWS_CONFIG_FILE = none;
process.env.AWS_SHARED_CREDENTIALS_FILE = none;
process.env.AWS_EC2_METADATA_DISABLED = 'true';
for (const name of ['AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ENDPOINT_URL', 'AWS_ROLE_ARN', 'AWS_WEB_IDENTITY_TOKEN_FILE']) {
  delete process.env[name];
}

// Tests never reach AWS: any name but loopback fails at once, naming the host and the fix.

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|::1|\[::1\])$/;
const realLookup = dns.lookup;
(dns as unknown as { lookup: (hostname: string, ...rest: unknown[]) => unknown }).lookup = (hostname: string, ...rest: unknown[]) => {
  if (LOOPBACK.test(hostname)) return (realLookup as (...args: unknown[]) => unknown).call(dns, hostname, ...rest);
  const callback = rest[rest.length - 1] as (error: Error) => void;
  process.nextTick(() =>
    callback(Object.assign(new Error(`a test tried to reach ${hostname}: mock its AWS client with aws-sdk-client-mock`), { code: 'ENOTFOUND' })),
  );
  return undefined;
};
