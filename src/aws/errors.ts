import type { ApiError } from '../inventory/read';

interface SdkLikeError {
  name?: unknown;
  Code?: unknown;
  code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: number };
}

/** The error code the SDK reports (AccessDenied, AccessDeniedException, UnauthorizedOperation, ...). */
export function errorCode(error: unknown): string {
  const e = (error ?? {}) as SdkLikeError;
  for (const candidate of [e.Code, e.code, e.name]) {
    if (typeof candidate === 'string' && candidate !== '' && candidate !== 'Error') return candidate;
  }
  return 'UnknownError';
}

export function errorMessage(error: unknown): string {
  const e = (error ?? {}) as SdkLikeError;
  const message = typeof e.message === 'string' && e.message !== '' ? e.message : String(error);
  return message.length > 500 ? `${message.slice(0, 497)}...` : message;
}

export function toApiError(error: unknown, service: string, region: string, operation: string): ApiError {
  return { service, region, operation, code: errorCode(error), message: errorMessage(error) };
}

const ACCESS_DENIED = /AccessDenied|UnauthorizedOperation|AuthorizationError|Forbidden|NotAuthorized/i;

export function isAccessDenied(error: unknown): boolean {
  return ACCESS_DENIED.test(errorCode(error));
}
