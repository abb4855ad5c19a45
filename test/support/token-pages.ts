/**
 * A fake paginated API for aws-sdk-client-mock's callsFake: each page answers only the request that carries its
 * token (`undefined` for the first page), so a collector that loses or reuses a token fails the test. Inputs are
 * copied as sent (the SDK paginators reuse and mutate one input object).
 */
export function tokenPages<T extends object>(
  tokenKey: string,
  pages: Array<[token: string | undefined, page: T]>,
): { inputs: Array<Record<string, unknown>>; fake: (input: Record<string, unknown>) => T } {
  const inputs: Array<Record<string, unknown>> = [];
  return {
    inputs,
    fake: (input) => {
      inputs.push(Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
      const token = input[tokenKey] as string | undefined;
      const hit = pages.find(([t]) => t === token);
      if (!hit) throw new Error(`no page answers ${tokenKey}=${String(token)}`);
      return hit[1];
    },
  };
}
