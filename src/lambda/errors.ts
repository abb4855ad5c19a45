/**
 * Errors the handlers throw on purpose. Lambda reports `error.name` as the error type, and Step Functions
 * matches retriers and catchers on it: these names are part of the state machine's contract.
 */

/** The event does not have the shape the handler expects: retrying cannot help. */
export class InvalidEventError extends Error {
  override readonly name = 'InvalidEvent';
}

/** The function's environment (set by serverless.yml) is missing or malformed: a deployment problem. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

/** The audit role in a member account cannot be assumed (not deployed, wrong trust or external id). */
export class MemberRoleUnavailableError extends Error {
  override readonly name = 'MemberRoleUnavailable';
  constructor(
    readonly accountId: string,
    message: string,
  ) {
    super(message);
  }
}

/** Error types a retry cannot fix; the state machine lists them (see deploy/serverless/organization.yml). */
export const NOT_RETRIED = ['InvalidEvent', 'ConfigurationError', 'MemberRoleUnavailable', 'UsageError'] as const;
