import pLimit from 'p-limit';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { ApiCallCounter } from './api-calls';
import { DEFAULT_CONCURRENCY, DEFAULT_MAX_ATTEMPTS, DEFAULT_TIMEOUTS, FALLBACK_CONCURRENCY } from './limits';

/** The subset of an SDK v3 client we rely on. */
export interface SdkClient {
  send(command: unknown, ...rest: unknown[]): Promise<unknown>;
  destroy(): void;
}

export interface ClientConfig {
  region: string;
  credentials?: AwsCredentialIdentityProvider;
  retryMode: 'adaptive';
  maxAttempts: number;
  requestHandler: {
    connectionTimeout: number;
    requestTimeout: number;
    throwOnRequestTimeout: boolean;
    httpAgent: { keepAlive: boolean; maxSockets: number };
    httpsAgent: { keepAlive: boolean; maxSockets: number };
  };
  endpoint?: string;
  forcePathStyle?: boolean;
  disableHostPrefix?: boolean;
  endpointProvider?: () => { url: URL };
}

export type ClientConstructor<C extends SdkClient> = new (config: ClientConfig) => C;

export interface AwsContextOptions {
  credentials?: AwsCredentialIdentityProvider;
  /** Send every service to this endpoint (LocalStack, moto, a proxy). */
  endpointUrl?: string;
  /** Calls in flight at once per service and region, for every service (default: DEFAULT_CONCURRENCY). */
  concurrency?: number;
  maxAttempts?: number;
  /** Per-attempt timeouts in ms. */
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
}

/**
 * The one configuration of every SDK client: adaptive retry (backs off on throttling), a bounded number of
 * attempts, per-attempt connection and request timeouts (a hung connection or answer ends the attempt, and is
 * retried, instead of holding the run), the endpoint override and what local emulators need.
 */
export function clientConfig(service: string, region: string, options: AwsContextOptions & { maxSockets?: number }): ClientConfig {
  const endpoint = options.endpointUrl;
  const custom = endpoint ?? process.env.AWS_ENDPOINT_URL;
  const sockets = { keepAlive: true, maxSockets: Math.max(50, options.maxSockets ?? 0) };
  return {
    region,
    retryMode: 'adaptive',
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    requestHandler: {
      connectionTimeout: options.connectionTimeoutMs ?? DEFAULT_TIMEOUTS.connectionMs,
      requestTimeout: options.requestTimeoutMs ?? DEFAULT_TIMEOUTS.requestMs,
      throwOnRequestTimeout: true,
      httpAgent: sockets,
      httpsAgent: sockets,
    },
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(endpoint ? { endpoint } : {}),
    // Local emulators serve one host: S3 needs path-style URLs and S3 Control no account-id host prefix.
    ...(custom ? { forcePathStyle: true, disableHostPrefix: true } : {}),
    // S3 Control's endpoint rules put the account id in front of any custom host (an invalid URL for an IP
    // address, an unknown host for an emulator); its paths and headers carry everything else.
    ...(custom && service === 's3control' ? { endpointProvider: () => ({ url: new URL(custom) }) } : {}),
  };
}

/** Thrown for a call that the run's deadline cut short or never let start. */
export class DeadlineExceededError extends Error {
  override readonly name = 'DeadlineExceeded';
}

/**
 * The one place AWS clients are built: shared credentials, adaptive retry (backs off on throttling), per-attempt
 * timeouts and a bounded number of attempts, the run's deadline, endpoint override, a concurrency cap per service
 * and region, and a count of every call and attempt.
 */
export class AwsContext {
  readonly apiCalls = new ApiCallCounter();
  private readonly clients = new Map<string, SdkClient>();
  private readonly adopted: SdkClient[] = [];
  private readonly limits = new Map<string, pLimit.Limit>();
  /** The deadline in force (epoch ms) and how long it allowed, while `untilDeadline` runs. */
  private deadline: { at: number; seconds: number; timer: NodeJS.Timeout } | undefined;
  private passed = false;
  /** Aborts the SDK requests of the deadline in force when it passes. */
  private abort: AbortController | undefined;
  /** Rejecters of the calls in flight, so the deadline can end them all at once (cheaper than a listener a call). */
  private readonly inFlight = new Set<(error: Error) => void>();

  constructor(private readonly options: AwsContextOptions = {}) {}

  /**
   * Runs `work` (the collect stage) under a deadline (epoch ms): once it passes, calls in flight end as timed out,
   * no new call is sent, and `work` finishes with what it has. Later calls (publishing) are not bound by it.
   */
  async withDeadline<T>(at: number | undefined, work: () => Promise<T>): Promise<T> {
    if (at === undefined) return work();
    const timer = setTimeout(() => this.expire(), Math.max(0, at - Date.now()));
    timer.unref();
    this.deadline = { at, seconds: Math.max(0, Math.round((at - Date.now()) / 1000)), timer };
    this.abort = new AbortController();
    try {
      return await work();
    } finally {
      clearTimeout(timer);
      this.deadline = undefined;
      this.abort = undefined;
      this.passed = false;
    }
  }

  get endpointUrl(): string | undefined {
    return this.options.endpointUrl ?? process.env.AWS_ENDPOINT_URL;
  }

  /** Whether the run's deadline has passed. */
  get expired(): boolean {
    return this.passed;
  }

  /** Calls in flight at once for `service` in one region. */
  concurrencyOf(service: string): number {
    return this.options.concurrency ?? DEFAULT_CONCURRENCY[service] ?? FALLBACK_CONCURRENCY;
  }

  /** A cached, instrumented client of `Ctor` for `region`; `service` names it in counts and limits. */
  client<C extends SdkClient>(service: string, Ctor: ClientConstructor<C>, region: string): C {
    const key = `${service}|${region}`;
    const cached = this.clients.get(key);
    if (cached) return cached as C;
    const client = new Ctor(clientConfig(service, region, { ...this.options, maxSockets: this.concurrencyOf(service) }));
    this.instrument(client, service, region);
    this.clients.set(key, client);
    return client;
  }

  /**
   * Takes in a client built elsewhere with clientConfig (the STS client that assumes --role-arn, which must exist
   * before this context's credentials do): its calls are counted and bound to the deadline like the others, and
   * destroy() releases it. releaseClients() keeps it: the credentials it renews outlive collection.
   */
  adopt(service: string, client: SdkClient, region: string): void {
    this.instrument(client, service, region);
    this.adopted.push(client);
  }

  /** Settles with `work`, or rejects when the deadline passes first (a stuck call never holds the run). */
  untilDeadline<T>(work: Promise<T> | T): Promise<T> {
    if (this.deadline === undefined) return Promise.resolve(work);
    if (this.passed) {
      // Too late: `work` is left to settle on its own, never as an unhandled rejection.
      Promise.resolve(work).catch(() => undefined);
      return Promise.reject(this.deadlineError());
    }
    return new Promise<T>((resolve, reject) => {
      this.inFlight.add(reject);
      Promise.resolve(work).then(
        (v) => {
          this.inFlight.delete(reject);
          resolve(v);
        },
        (e: unknown) => {
          this.inFlight.delete(reject);
          reject(e);
        },
      );
    });
  }

  /** Releases every client's sockets (adopted ones included) and the deadline's timer. */
  destroy(): void {
    if (this.deadline) clearTimeout(this.deadline.timer);
    this.releaseClients();
    for (const client of this.adopted.splice(0)) client.destroy();
  }

  /**
   * Drops the clients built so far and closes their sockets; later calls build fresh ones. After collection there
   * are hundreds (one per service and region), with their middleware and agents, that publishing never uses.
   */
  releaseClients(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
    // An idle p-limit queue still holds its last task, and through it a client: idle limits go too.
    for (const [key, limit] of this.limits) if (limit.activeCount === 0 && limit.pendingCount === 0) this.limits.delete(key);
  }

  private deadlineError(): DeadlineExceededError {
    return new DeadlineExceededError(`timed out: the run's deadline (${this.deadline?.seconds ?? 0} s) passed before AWS answered`);
  }

  /** The deadline passed: calls in flight end now, their sockets are released, and no new call is sent. */
  private expire(): void {
    this.passed = true;
    const error = this.deadlineError();
    for (const reject of this.inFlight) reject(error);
    this.inFlight.clear();
    this.abort?.abort(error);
    // Their sockets may hang forever: drop the clients, so calls after the deadline's work get fresh ones.
    this.releaseClients();
  }

  /**
   * Wraps `send` on the instance so that every call, paginator pages included, is counted, limited and bound to
   * the run's deadline. It defers to the prototype's `send` at call time, so aws-sdk-client-mock's class mocks
   * still apply.
   */
  private instrument(client: SdkClient, service: string, region: string): void {
    const limit = this.limitFor(service, region);
    const counter = this.apiCalls;
    const prototypeSend = (cmd: unknown, rest: unknown[]) =>
      (Object.getPrototypeOf(client) as SdkClient).send.call(client, cmd, ...rest);
    client.send = (command: unknown, ...rest: unknown[]) =>
      limit(async () => {
        if (this.passed) throw this.deadlineError();
        counter.record(service, operationName(command));
        try {
          const out = await this.untilDeadline(prototypeSend(command, this.withAbort(rest)));
          counter.recordAttempts(attemptsOf(out));
          return out;
        } catch (error) {
          counter.recordAttempts(attemptsOf(error));
          if (this.passed) throw this.deadlineError();
          throw error;
        }
      });
  }

  /**
   * The call's options with the deadline's abort signal: when the deadline passes, the SDK drops the request and
   * makes no further attempt (otherwise its retries would keep the process alive for minutes after the report).
   */
  private withAbort(rest: unknown[]): unknown[] {
    const signal = this.abort?.signal;
    if (!signal) return rest;
    const [first, ...others] = rest;
    if (first === undefined) return [{ abortSignal: signal }];
    if (typeof first !== 'object' || first === null) return rest; // a callback: left as it is
    const own = (first as { abortSignal?: AbortSignal }).abortSignal;
    return [{ ...first, abortSignal: own ? AbortSignal.any([own, signal]) : signal }, ...others];
  }

  private limitFor(service: string, region: string): pLimit.Limit {
    const key = `${service}|${region}`;
    let limit = this.limits.get(key);
    if (!limit) {
      limit = pLimit(this.concurrencyOf(service));
      this.limits.set(key, limit);
    }
    return limit;
  }
}


function attemptsOf(outcome: unknown): number {
  const attempts = (outcome as { $metadata?: { attempts?: unknown } } | null)?.$metadata?.attempts;
  return typeof attempts === 'number' && attempts > 0 ? attempts : 1;
}

function operationName(command: unknown): string {
  const name = (command as { constructor?: { name?: string } } | null)?.constructor?.name ?? 'Unknown';
  return name.replace(/Command$/, '');
}
