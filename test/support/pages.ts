/**
 * A paginated answer for aws-sdk-client-mock's callsFake: each page answers only to its own token (the first page
 * to no token), so a paginator that does not send the token it was given gets an error instead of a page. Records a
 * copy of every input (the SDK paginator reuses and mutates one input object).
 */
export function byToken<T extends object>(
  tokenField: string,
  pages: Record<string, T>,
): { inputs: Array<Record<string, unknown>>; fake: (input: Record<string, unknown>) => T } {
  const inputs: Array<Record<string, unknown>> = [];
  return {
    inputs,
    fake: (input) => {
      inputs.push(Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
      const token = input[tokenField];
      const page = pages[typeof token === 'string' ? token : ''];
      if (!page) throw new Error(`no page answers to ${tokenField} ${String(token)}`);
      return page;
    },
  };
}
