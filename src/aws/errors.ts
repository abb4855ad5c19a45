import type { ApiError } from '../inventory/read';

interface SdkLikeError {
  name?: unknown;
  Code?: unknown;
  code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

/**
 * The SDK's note on an answer it could not parse: a garbled body (XML or JSON parser error) or one cut short (the
 * connection dropped mid-body). The SDK gives such errors no code of their own (UnknownError, SyntaxError,
 * ECONNRESET), so we recognise them by this note.
 */
const UNREADABLE = /\s*Deserialization error: to see the raw response, inspect the hidden field \{error\}\.\$response on this object\.?/;

/** The code we give an answer the SDK could not read (src/aws/remedy.ts: an incomplete answer, "transient: rerun"). */
export const UNREADABLE_ANSWER = 'DeserializationError';

/** The SDK's per-attempt timeouts (@smithy/node-http-handler), worded as "timed out after N s". */
const TIMEOUTS: ReadonlyArray<{ pattern: RegExp; what: string }> = [
  { pattern: /exceeded the configured (\d+) ms requestTimeout/, what: 'AWS sent no answer within the request timeout' },
  { pattern: /did not establish a connection with the server within the configured timeout of (\d+) ms/, what: 'no connection to the endpoint within the connection timeout' },
  { pattern: /socket timed out after (\d+) ms of inactivity/, what: 'the connection stayed silent past the socket timeout' },
];

/** What the SDK puts before an error it re-wraps (one from another realm: a VM context, a test runner); it drops the code. */
const WRAPPER = /^AWS SDK error wrapper for (?:Error: )?/;

const rawMessage = (e: SdkLikeError, error: unknown): string =>
  (typeof e.message === 'string' && e.message !== '' ? e.message : String(error)).replace(WRAPPER, '');

/** Node's words for a response whose connection closed mid-body (the SDK does not always add its note to them). */
const cutShort = (e: SdkLikeError, message: string): boolean => (e.code === 'ECONNRESET' || e.code === undefined) && message.replace(UNREADABLE, '') === 'aborted';

const unreadable = (e: SdkLikeError, message: string): boolean => UNREADABLE.test(message) || cutShort(e, message);

const statusOf = (e: SdkLikeError): number | undefined => {
  const status = e.$metadata?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
};

const seconds = (ms: number): string => `${ms < 10_000 ? Math.round(ms / 100) / 10 : Math.round(ms / 1000)} s`;

/** The error code the SDK reports (AccessDenied, AccessDeniedException, UnauthorizedOperation, ...). */
export function errorCode(error: unknown): string {
  const e = (error ?? {}) as SdkLikeError;
  if (unreadable(e, rawMessage(e, error))) {
    // A 5xx whose body is unreadable is still a server error (transient); any other status, a garbled answer.
    const status = statusOf(e);
    return status !== undefined && status >= 500 ? String(status) : UNREADABLE_ANSWER;
  }
  for (const candidate of [e.Code, e.code, e.name]) {
    if (typeof candidate === 'string' && candidate !== '' && candidate !== 'Error') return candidate;
  }
  return 'UnknownError';
}

/**
 * The error's message for people: an SDK timeout as "timed out after N s", an unreadable answer with its HTTP
 * status and without the SDK's pointer to a hidden field; cut at 500 characters.
 */
export function errorMessage(error: unknown): string {
  const e = (error ?? {}) as SdkLikeError;
  let message = rawMessage(e, error);
  if (unreadable(e, message)) {
    const original = [e.code, e.name].find((c): c is string => typeof c === 'string' && c !== '' && c !== 'Error');
    const status = statusOf(e);
    message = `unreadable answer${status !== undefined ? ` (HTTP ${status})` : ''}: ${original ? `${original}: ` : ''}${message.replace(UNREADABLE, '').trim()}${cutShort(e, message) ? ' (the connection closed mid-answer)' : ''}`;
  } else {
    for (const t of TIMEOUTS) {
      const m = t.pattern.exec(message);
      if (!m) continue;
      const attempts = e.$metadata?.attempts;
      message = `timed out after ${seconds(Number(m[1]))}: ${t.what}${typeof attempts === 'number' && attempts > 1 ? `, on each of ${attempts} attempts` : ''}`;
      break;
    }
  }
  return message.length > 500 ? `${message.slice(0, 497)}...` : message;
}

export function toApiError(error: unknown, service: string, region: string, operation: string): ApiError {
  return { service, region, operation, code: errorCode(error), message: errorMessage(error) };
}

const ACCESS_DENIED = /AccessDenied|UnauthorizedOperation|AuthorizationError|Forbidden|NotAuthorized/i;

export function isAccessDenied(error: unknown): boolean {
  return ACCESS_DENIED.test(errorCode(error));
}
