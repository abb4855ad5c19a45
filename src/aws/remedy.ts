import type { ApiError } from '../inventory/read';
import { iamActionOf, securityAuditGrants } from './iam-actions';

/** Why a read failed, as far as its error tells. */
export type Cause = 'not-found' | 'denied' | 'throttled' | 'server' | 'timeout' | 'network' | 'incomplete' | 'region' | 'unsupported' | 'not-collected' | 'other';

const DENIED = /AccessDenied|UnauthorizedOperation|AuthorizationError|Forbidden|NotAuthorized|AuthorizationErrorException/i;
const THROTTLED = /Throttl|TooManyRequests|RequestLimitExceeded|SlowDown|RateExceeded|Rate exceeded|LimitExceededException|ProvisionedThroughputExceeded|BandwidthLimitExceeded|PriorRequestNotComplete|EC2ThrottledException/i;
const SERVER = /InternalError|InternalFailure|InternalServerError|ServiceUnavailable|ServiceFailure|Unavailable|InternalException|ServerException|^5\d\d$/i;
const TIMEOUT = /DeadlineExceeded|TimeoutError|RequestTimeout|ETIMEDOUT|TimedOut|socket timeout|timed out/i;
const NETWORK = /ECONNRESET|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EPIPE|EHOSTUNREACH|ENETUNREACH|socket hang up|NetworkingError|ECONNABORTED/i;
const REGION = /OptInRequired|UnrecognizedClientException|InvalidClientTokenId|AuthFailure|SubscriptionRequiredException/i;
const UNSUPPORTED = /UnsupportedOperation|InvalidAction|UnknownOperation|NotImplemented|MethodNotAllowed|UnknownEndpoint/i;

/**
 * An answer that came but could not be read (garbled or cut short): src/aws/errors.ts codes it DeserializationError;
 * errors recorded before that carry the SDK's own words in the message (code UnknownError, SyntaxError, ECONNRESET).
 */
const UNREADABLE_CODE = /Deserialization|SyntaxError|Unexpected end of JSON|XML/i;
const UNREADABLE_MESSAGE = /Deserialization error|XML parse error|^unreadable answer/i;

export function causeOf(error: Pick<ApiError, 'code' | 'message'>): Cause {
  const { code, message } = error;
  if (code === 'NotCollected') return 'not-collected';
  if (code === 'IncompleteAnswer' || UNREADABLE_CODE.test(code)) return 'incomplete';
  // A 5xx with an unreadable body stays a server error (below).
  if (!/^5\d\d$/.test(code) && UNREADABLE_MESSAGE.test(message)) return 'incomplete';
  if (TIMEOUT.test(code) || (code === 'AbortError' && /abort/i.test(message))) return 'timeout';
  if (DENIED.test(code)) return 'denied';
  if (/NotFound|NoSuch/i.test(code)) return 'not-found';
  if (THROTTLED.test(code)) return 'throttled';
  if (REGION.test(code)) return 'region';
  if (UNSUPPORTED.test(code)) return 'unsupported';
  if (NETWORK.test(code) || NETWORK.test(message)) return 'network';
  if (SERVER.test(code)) return 'server';
  return 'other';
}

/** `Fix: ...` for a failed read: the IAM action to grant for a denial, "transient: rerun" for throttling and 5xx, and so on. */
export function fixFor(error: ApiError): string {
  switch (causeOf(error)) {
    case 'denied': {
      const action = iamActionOf(error.service, error.operation);
      if (!action) return 'check the credentials of the auditing identity';
      const where = securityAuditGrants(action)
        ? 'the AWS managed SecurityAudit policy includes it; where SecurityAudit is attached, a permissions boundary, SCP or resource policy denies it'
        : 'SecurityAudit does not include it: attach iam/securityaudit-supplement-policy.json or iam/auditor-policy.json';
      return `allow ${action} for the auditing identity (${where})`;
    }
    case 'throttled':
      return 'transient (AWS throttled the calls): rerun the audit, or lower --concurrency';
    case 'server':
      return 'transient (an AWS server error): rerun the audit';
    case 'timeout':
      return /deadline/i.test(error.message)
        ? 'rerun with a longer --deadline, or audit fewer regions or checks at a time'
        : 'transient: rerun the audit; if it persists, check the network path to the endpoint (proxy, firewall, --endpoint-url)';
    case 'network':
      return 'check the network path to the AWS endpoint (proxy, firewall, --endpoint-url) and rerun';
    case 'incomplete':
      return 'transient (an answer arrived garbled or cut short): rerun the audit; if it persists, a proxy or the endpoint is altering AWS answers';
    case 'region':
      return `the region ${error.region} is not enabled for the account or the credentials are not valid there: enable it or leave it out of --regions`;
    case 'unsupported':
      return `${error.service} does not offer ${error.operation} in ${error.region}: leave the region out, or suppress the check there`;
    case 'not-found':
      return `${error.service} could not find it from this account: if it belongs to another account (an organization trail, a shared or central resource), audit that account`;
    case 'not-collected':
      return 'run the audit again with this check selected (the saved inventory was collected for other checks)';
    default:
      return 'see the error above; rerun the audit with --verbose';
  }
}
