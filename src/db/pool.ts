/**
 * The pg pool behind Prisma, with three additions: every statement is timed for the listeners
 * (metrics, the tests' statement counts); failures that mean "no connection" are marked for
 * src/db/unavailable.ts when pg gives them no code; and a connection lost while checked out
 * goes back to the pool at once instead of staying checked out for ever.
 */
import pg from 'pg';
import { markConnectionFailure } from './unavailable';

/** Called after every SQL statement the pool runs (metrics, and the tests' statement counts). */
export type QueryListener = (durationSeconds: number, failed: boolean) => void;

type Release = (error?: Error | boolean) => void;
type ConnectCallback = (error: Error | undefined, client: pg.PoolClient | undefined, release: Release) => void;

const hasCode = (error: unknown) => typeof (error as { code?: unknown } | null)?.code === 'string';

/**
 * A pg Client that reports each statement's duration, and marks the code-less errors of a lost
 * connection ("Connection terminated unexpectedly", "... not queryable") as connection failures.
 */
function observedClient(listeners: Set<QueryListener>): typeof pg.Client {
  const report = (started: number, failed: boolean) => {
    const seconds = (performance.now() - started) / 1000;
    for (const listener of listeners) listener(seconds, failed);
  };
  return class ObservedClient extends pg.Client {
    #lost = false;

    constructor(config?: string | pg.ClientConfig) {
      super(config);
      // A client emits 'error' only for its connection (a socket error, an unexpected end, a FATAL
      // message outside a query), and 'end' when the connection is gone.
      this.on('error', (error) => {
        this.#lost = true;
        markConnectionFailure(error);
      });
      this.on('end', () => void (this.#lost = true));
    }

    #failed(started: number, error: unknown) {
      if (this.#lost && !hasCode(error)) markConnectionFailure(error);
      report(started, true);
    }

    // pg's query() has many overloads; this wrapper only times the call, in callback or promise form.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    override query(...args: any[]): any {
      const started = performance.now();
      const callback = args.at(-1);
      const query = super.query as (...a: unknown[]) => unknown;
      if (typeof callback === 'function') {
        args[args.length - 1] = (error: unknown, result: unknown) => {
          if (error) this.#failed(started, error);
          else report(started, false);
          callback(error, result);
        };
        return query.apply(this, args);
      }
      const result = query.apply(this, args);
      if (!(result instanceof Promise)) return result;
      return result.then(
        (value) => (report(started, false), value),
        (error: unknown) => {
          this.#failed(started, error);
          throw error;
        },
      );
    }
  };
}

/**
 * Makes a checked-out client go back to the pool (and be discarded) as soon as its connection
 * ends. Why: when a transaction's connection dies, Prisma's ROLLBACK fails and Prisma then never
 * releases the client, so each broken transaction would cost a pool slot for good (and hold
 * pool.end() at shutdown). Later releases of the same checkout are ignored.
 */
function releasedWhenLost(client: pg.PoolClient): pg.PoolClient {
  const release: Release = client.release.bind(client);
  let released = false;
  const releaseOnce: Release = (error) => {
    if (released) return;
    released = true;
    client.off('end', onEnd);
    release(error);
  };
  const onEnd = () => releaseOnce(new Error('the connection ended while checked out'));
  client.once('end', onEnd);
  client.release = releaseOnce;
  return client;
}

export class ServicePool extends pg.Pool {
  constructor(config: pg.PoolConfig, listeners: Set<QueryListener>) {
    super({ ...config, Client: observedClient(listeners) });
  }

  /** No connection checked out and nobody waiting for one: no transaction is open. */
  get idle(): boolean {
    return this.totalCount === this.idleCount && this.waitingCount === 0;
  }

  /** Resolves true once the pool is idle, or false after `timeoutMs`. */
  async whenIdle(timeoutMs: number): Promise<boolean> {
    if (this.idle) return true;
    return new Promise((resolve) => {
      // 'release' is emitted before the connection is back among the idle ones.
      const check = () => queueMicrotask(() => this.idle && finish(true));
      const finish = (idle: boolean) => {
        clearTimeout(timer);
        this.off('release', check).off('remove', check);
        resolve(idle);
      };
      const timer = setTimeout(() => finish(this.idle), timeoutMs);
      this.on('release', check).on('remove', check);
    });
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    if (!callback) {
      return new Promise((resolve, reject) => this.connect((error, client) => (error ? reject(error) : resolve(client!))));
    }
    super.connect((error, client, release) => {
      // Every checkout failure means no connection. Those with a code (ECONNREFUSED, 57P03, ...) are
      // classified by it; pg-pool's wait timeout, pg's "Connection terminated ..." and "Cannot use a
      // pool after calling end" have none, so they are marked here, where their meaning is known.
      if (error) {
        if (!hasCode(error)) markConnectionFailure(error);
        return callback(error, undefined, release);
      }
      const guarded = releasedWhenLost(client!);
      callback(undefined, guarded, guarded.release);
    });
  }
}
