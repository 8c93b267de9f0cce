/**
 * The service's logs: JSON lines on stdout (pino), one per request plus startup, shutdown and
 * internal errors. A request's lines carry its `requestId`: code that runs for a request finds
 * that request's logger through `logger()` (AsyncLocalStorage), so nothing passes it around.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * A JSON logger whose lines hold `level` (a name), `time` (ISO 8601), `msg` and what the caller
 * adds: no pid or hostname, so that a line has exactly the fields RUNTIME.md names.
 * Synchronous writes: the last lines before `process.exit` are not lost.
 */
export function createLogger(level: LogLevel = 'info', destination: DestinationStream = pino.destination({ dest: 1, sync: true })): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

/** What code running for one request can reach: its logger (bound to its request id). */
export interface RequestScope {
  readonly logger: Logger;
}

const requestScope = new AsyncLocalStorage<RequestScope>();
let processLogger: Logger | undefined;

/** Makes `logger` the one used outside requests (main.ts sets it from LOG_LEVEL). */
export function setProcessLogger(logger: Logger): void {
  processLogger = logger;
}

/** The current request's logger, else the process's. */
export function logger(): Logger {
  return requestScope.getStore()?.logger ?? (processLogger ??= createLogger());
}

/** Runs `work` as part of a request: `logger()` and `currentRequest()` find `scope` inside it. */
export function runInRequestScope<S extends RequestScope, T>(scope: S, work: () => T): T {
  return requestScope.run(scope, work);
}

export function currentRequest(): RequestScope | undefined {
  return requestScope.getStore();
}
