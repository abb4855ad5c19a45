/** A fake for aws-sdk-client-mock's callsFake, with a copy of every input it was called with. */
export interface PagedFake<T> {
  inputs: Array<Record<string, unknown>>;
  fake: (input: Record<string, unknown>) => T;
}

/** Copies an input as sent, without its undefined fields (the SDK paginators reuse and mutate one input object). */
function recorded(inputs: Array<Record<string, unknown>>, input: Record<string, unknown>): void {
  inputs.push(Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
}

/** Answers each request with the page `pageFor` finds for the token it sent in `tokenField`, failing when there is none. */
function answering<T>(tokenField: string, pageFor: (token: unknown) => T | undefined): PagedFake<T> {
  const inputs: Array<Record<string, unknown>> = [];
  return {
    inputs,
    fake: (input) => {
      recorded(inputs, input);
      const token = input[tokenField];
      const page = pageFor(token);
      if (!page) throw new Error(`no page answers to ${tokenField} ${String(token)}`);
      return page;
    },
  };
}

/**
 * A paginated answer for aws-sdk-client-mock's callsFake: each page answers only to its own token (the first page
 * to no token), so a paginator that does not send the token it was given gets an error instead of a page. Records a
 * copy of every input (the SDK paginator reuses and mutates one input object).
 */
export function byToken<T extends object>(tokenField: string, pages: Record<string, T>): PagedFake<T> {
  return answering(tokenField, (token) => pages[typeof token === 'string' ? token : '']);
}

/**
 * As byToken, with the pages listed as [token, page] pairs: the first page answers only to `undefined` (not to an
 * empty token), so a collector that loses, reuses or blanks a token fails the test.
 */
export function tokenPages<T extends object>(tokenKey: string, pages: Array<[token: string | undefined, page: T]>): PagedFake<T> {
  return answering(tokenKey, (token) => pages.find(([t]) => t === token)?.[1]);
}

/**
 * Serves `pages` in order, one a request, and records a copy of every input (the SDK paginator reuses and mutates one
 * input object, so commandCalls() would show only its final state). With `tokens`, a request must also carry, in its
 * `sent` field, the token the previous page gave in its `given` field (none for the first page).
 */
export function inOrder<T extends object>(
  pages: T[],
  tokens?: { sent: string; given: keyof T & string },
): PagedFake<T> {
  const inputs: Array<Record<string, unknown>> = [];
  return {
    inputs,
    fake: (input) => {
      recorded(inputs, input);
      const index = inputs.length - 1;
      if (tokens) {
        const previous = index === 0 ? undefined : pages[index - 1];
        const expected = previous?.[tokens.given];
        const sent = input[tokens.sent];
        if (sent !== expected) throw new Error(`page ${index + 1} asked with ${tokens.sent} ${String(sent)}, expected ${String(expected)}`);
      }
      const page = pages[index];
      if (!page) throw new Error(`unexpected page request ${inputs.length}`);
      return page;
    },
  };
}
