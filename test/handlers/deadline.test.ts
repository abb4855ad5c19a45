import type { Context } from 'aws-lambda';
import { collectDeadline, lambdaHandler, PUBLISH_RESERVE_MS, type HandlerDeps } from '../../src/lambda/runtime';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const metrics = { add: () => undefined, flush: () => undefined };

describe('the Lambda collection deadline', () => {
  it('keeps time after collection for evaluating and publishing, half the time when little is left', () => {
    expect(collectDeadline(1_000, 900_000)).toBe(1_000 + 900_000 - PUBLISH_RESERVE_MS);
    expect(collectDeadline(1_000, 60_000)).toBe(1_000 + 30_000);
  });

  it('comes from the invocation context, so a run never outlives its function', async () => {
    let seen: number | undefined;
    const handler = lambdaHandler('probe', { log: quiet, metrics, now: () => 5_000 } as unknown as Partial<HandlerDeps>, async (_event, deps) => {
      seen = deps.collectBy;
      return 'ok';
    });
    await handler({}, { getRemainingTimeInMillis: () => 600_000 } as unknown as Context);
    expect(seen).toBe(5_000 + 600_000 - PUBLISH_RESERVE_MS);
  });
});
