/** A problem with what the user asked for (arguments, config, profile, region): exit code 1, one clear line. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * Text safe to print on a terminal: control characters (escape sequences included) shown as \xNN, and long input
 * cut. For anything that quotes user input or attacker-controlled names back to the user.
 */
export function printable(text: string, max = 300): string {
  const escaped = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`).replace(/\n/g, '\\n');
  return escaped.length > max ? `${escaped.slice(0, max - 3)}...` : escaped;
}
