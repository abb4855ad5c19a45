import type { Context } from 'aws-lambda';
import { openSession, type Session, type SessionOptions } from '../aws/session';
import { keepHeapNearLiveSize } from '../heap';
import { powertoolsLog, powertoolsMetrics, type Log, type MetricsSink } from './observability';

// At cold start, before any handler allocates: the function's memory is what Lambda bills and caps.
keepHeapNearLiveSize();

/** What a handler gets from outside; tests replace any of it. */
export interface HandlerDeps {
  env: Record<string, string | undefined>;
  log: Log & { addContext?: (context: Context) => void };
  metrics: MetricsSink;
  openSession: (options: SessionOptions) => Promise<Session>;
  /** Milliseconds, for durations (tests inject a clock). */
  now: () => number;
  /** Pauses (Security Hub rate limits); tests inject one that does not wait. */
  sleep?: (ms: number) => Promise<void>;
  /**
   * Epoch ms by which collection must end, from the invocation's remaining time less what evaluating and publishing
   * need: reads still unanswered then become "timed out" ERRORs and the report is still written and published.
   */
  collectBy?: number;
}

/** Time kept after collection for evaluating and publishing (half the remaining time when less is left). */
export const PUBLISH_RESERVE_MS = 120_000;

/** The collection deadline for an invocation with `remainingMs` left. */
export function collectDeadline(now: number, remainingMs: number): number {
  return now + remainingMs - Math.min(PUBLISH_RESERVE_MS, remainingMs / 2);
}

let defaults: HandlerDeps | undefined;

function defaultDeps(): HandlerDeps {
  if (!defaults) {
    const log = powertoolsLog();
    defaults = {
      env: process.env,
      log: { ...log, addContext: (context) => log.logger.addContext(context) },
      metrics: powertoolsMetrics(),
      openSession,
      now: Date.now,
    };
  }
  return defaults;
}

/**
 * A Lambda handler around `body`: resolves dependencies, tags logs with the request, logs the failure (its
 * type and message, never the event) and rethrows it so Lambda and Step Functions see it, and always flushes
 * the metrics.
 */
export function lambdaHandler<R>(
  name: string,
  overrides: Partial<HandlerDeps>,
  body: (event: unknown, deps: HandlerDeps) => Promise<R>,
): (event: unknown, context?: Context) => Promise<R> {
  return async (event, context) => {
    const deps: HandlerDeps = { ...defaultDeps(), ...overrides };
    if (context) {
      deps.log.addContext?.(context);
      if (deps.collectBy === undefined && typeof context.getRemainingTimeInMillis === 'function') {
        deps.collectBy = collectDeadline(deps.now(), context.getRemainingTimeInMillis());
      }
    }
    try {
      return await body(event, deps);
    } catch (error) {
      const e = error as Error;
      deps.log.error(`${name} failed`, { errorType: e?.name ?? 'Error', errorMessage: e?.message ?? String(error) });
      throw error;
    } finally {
      deps.metrics.flush();
    }
  };
}
