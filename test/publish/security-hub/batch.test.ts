import { planBatches, TokenBucket } from '../../../src/publish/security-hub';

describe('batching', () => {
  const sized = (sizes: number[]) => sizes.map((bytes, i) => ({ item: i, bytes }));

  it('fills batches up to the count and the byte limit of the request body, in order', () => {
    // Envelope {"Findings":[]} is 15 bytes, plus a comma between items.
    const { batches } = planBatches(sized([40, 40, 40, 10]), { maxCount: 10, maxBytes: 15 + 40 + 1 + 40 });
    expect(batches).toEqual([[0, 1], [2, 3]]);
    expect(planBatches(sized(Array(7).fill(1)), { maxCount: 3 }).batches).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
  });

  it('sets aside an item larger than one finding may be', () => {
    const { batches, oversized } = planBatches(sized([10, 300_000, 10]));
    expect(batches).toEqual([[0, 2]]);
    expect(oversized).toEqual([1]);
  });
});

describe('the token bucket', () => {
  it('lets a burst through, then one call per 1/rate second, counting slept time even with a frozen clock', async () => {
    const slept: number[] = [];
    const bucket = new TokenBucket(10, 3, () => 0, async (ms) => void slept.push(ms));
    for (let i = 0; i < 5; i++) await bucket.take();
    expect(slept).toEqual([100, 100]);
  });

  it('refills from the clock: no wait after enough real time has passed', async () => {
    let now = 0;
    const slept: number[] = [];
    const bucket = new TokenBucket(10, 3, () => now, async (ms) => void slept.push(ms));
    for (let i = 0; i < 3; i++) await bucket.take();
    now = 1000;
    for (let i = 0; i < 3; i++) await bucket.take();
    expect(slept).toEqual([]);
  });
});
