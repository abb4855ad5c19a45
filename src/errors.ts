/** A problem with what the user asked for (arguments, config, profile, region): exit code 1, one clear line. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
