import pLimit from 'p-limit';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { ApiCallCounter } from './api-calls';

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
  /** Calls in flight at once per service and region. */
  concurrency?: number;
  maxAttempts?: number;
}

/**
 * The one place AWS clients are built: shared credentials, adaptive retry (backs off on throttling),
 * endpoint override, a concurrency cap per service and region, and a count of every call.
 */
export class AwsContext {
  readonly apiCalls = new ApiCallCounter();
  private readonly clients = new Map<string, SdkClient>();
  private readonly limits = new Map<string, pLimit.Limit>();
  private readonly concurrency: number;
  private readonly maxAttempts: number;

  constructor(private readonly options: AwsContextOptions = {}) {
    this.concurrency = options.concurrency ?? 8;
    this.maxAttempts = options.maxAttempts ?? 8;
  }

  get endpointUrl(): string | undefined {
    return this.options.endpointUrl ?? process.env.AWS_ENDPOINT_URL;
  }

  /** A cached, instrumented client of `Ctor` for `region`; `service` names it in counts and limits. */
  client<C extends SdkClient>(service: string, Ctor: ClientConstructor<C>, region: string): C {
    const key = `${service}|${region}`;
    const cached = this.clients.get(key);
    if (cached) return cached as C;
    const endpoint = this.options.endpointUrl;
    const custom = endpoint ?? process.env.AWS_ENDPOINT_URL;
    const client = new Ctor({
      region,
      retryMode: 'adaptive',
      maxAttempts: this.maxAttempts,
      ...(this.options.credentials ? { credentials: this.options.credentials } : {}),
      ...(endpoint ? { endpoint } : {}),
      // Local emulators serve one host: S3 needs path-style URLs and S3 Control no account-id host prefix.
      ...(custom ? { forcePathStyle: true, disableHostPrefix: true } : {}),
      // S3 Control's endpoint rules put the account id in front of any custom host (an invalid URL for an IP
      // address, an unknown host for an emulator); its paths and headers carry everything else.
      ...(custom && service === 's3control' ? { endpointProvider: () => ({ url: new URL(custom) }) } : {}),
    });
    this.instrument(client, service, region);
    this.clients.set(key, client);
    return client;
  }

  /** Releases every client's sockets. */
  destroy(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }

  /**
   * Wraps `send` on the instance so that every call, paginator pages included, is counted and limited.
   * It defers to the prototype's `send` at call time, so aws-sdk-client-mock's class mocks still apply.
   */
  private instrument(client: SdkClient, service: string, region: string): void {
    const limit = this.limitFor(service, region);
    const counter = this.apiCalls;
    const prototypeSend = (cmd: unknown, rest: unknown[]) =>
      (Object.getPrototypeOf(client) as SdkClient).send.call(client, cmd, ...rest);
    client.send = (command: unknown, ...rest: unknown[]) =>
      limit(() => {
        counter.record(service, operationName(command));
        return prototypeSend(command, rest);
      });
  }

  private limitFor(service: string, region: string): pLimit.Limit {
    const key = `${service}|${region}`;
    let limit = this.limits.get(key);
    if (!limit) {
      limit = pLimit(this.concurrency);
      this.limits.set(key, limit);
    }
    return limit;
  }
}

function operationName(command: unknown): string {
  const name = (command as { constructor?: { name?: string } } | null)?.constructor?.name ?? 'Unknown';
  return name.replace(/Command$/, '');
}
