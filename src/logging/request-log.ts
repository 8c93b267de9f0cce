/**
 * One JSON line per request (RUNTIME.md, "Logs"): `requestId`, `operationName`, `durationMs`,
 * `status`, `userId` (the viewer's global ID), `errorCodes`, and `msg` = method and path.
 * Never headers, bodies, query strings or variables: tokens, passwords and variables' values
 * cannot reach a log line because nothing that holds them is logged.
 */
import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { toGlobalId } from '../graphql/global-id';
import type { Viewer } from '../services/viewer';
import { currentRequest, runInRequestScope, type Logger, type RequestScope } from './logger';

const WELL_FORMED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** Error bodies larger than this are not read back for their codes (ours are far smaller). */
const MAX_SNIFFED_BODY = 64 * 1024;

/** The caller's `x-request-id` when well-formed (at most 128 of `[A-Za-z0-9._:-]`), else a new one. */
export function requestIdOf(header: string | string[] | undefined): string {
  return typeof header === 'string' && WELL_FORMED_REQUEST_ID.test(header) ? header : randomUUID();
}

/** What one request's log line will say, filled in as the request goes. */
export class RequestLog implements RequestScope {
  readonly logger: Logger;
  operationName: string | null = null;
  userId: string | null = null;
  readonly errorCodes: string[] = [];
  private readonly started = performance.now();
  private finished = false;
  /** Set by finish(). */
  durationMs = 0;

  constructor(
    readonly requestId: string,
    parent: Logger,
  ) {
    this.logger = parent.child({ requestId });
  }

  noteViewer(viewer: Viewer) {
    this.userId = viewer ? toGlobalId('User', viewer.userId) : null;
  }

  noteErrors(errors: readonly { extensions?: Record<string, unknown> }[] | undefined) {
    for (const error of errors ?? []) {
      const code = error.extensions?.code;
      if (typeof code === 'string' && !this.errorCodes.includes(code)) this.errorCodes.push(code);
    }
  }

  /** Writes the request's line (once). */
  finish(message: string, status: number) {
    if (this.finished) return;
    this.finished = true;
    const durationMs = (this.durationMs = Math.round((performance.now() - this.started) * 10) / 10);
    const { operationName, userId, errorCodes } = this;
    this.logger.info({ operationName, durationMs, status, userId, errorCodes }, message);
  }
}

/** The log of the request this code runs for, if any. */
export function currentRequestLog(): RequestLog | undefined {
  const scope = currentRequest();
  return scope instanceof RequestLog ? scope : undefined;
}

/**
 * An error response that did not come through Apollo's plugins (a body that is not JSON, a 404,
 * a bad token refused while building the context) still has codes in its body: read them back.
 */
export function noteErrorCodesOfBody(log: RequestLog, status: number, body: unknown) {
  if (status < 400 || log.errorCodes.length > 0) return;
  if (!(typeof body === 'string' || Buffer.isBuffer(body)) || body.length > MAX_SNIFFED_BODY) return;
  try {
    log.noteErrors((JSON.parse(body.toString()) as { errors?: [] }).errors);
  } catch {
    // not JSON: the line just has no codes
  }
}

function noteErrorCodesOfErrorBodies(response: Response, log: RequestLog) {
  const end = response.end.bind(response) as (...args: unknown[]) => Response;
  response.end = ((...args: unknown[]) => {
    if (/json/.test(String(response.getHeader('content-type') ?? ''))) noteErrorCodesOfBody(log, response.statusCode, args[0]);
    return end(...args);
  }) as Response['end'];
}

export const pathOf = (url: string) => url.split('?', 1)[0]!.slice(0, 200);

/** Told of every request once its line is written (the metrics count from it). */
export type RequestFinished = (log: RequestLog, path: string, status: number) => void;

/**
 * Express middleware, first in the chain: gives the request its id (echoed as `x-request-id` on
 * every response) and writes its line when the response is done, then tells `onFinished`.
 */
export function requestLogging(parent: Logger, onFinished?: RequestFinished): RequestHandler {
  return (request, response, next) => {
    const log = new RequestLog(requestIdOf(request.headers['x-request-id']), parent);
    response.setHeader('x-request-id', log.requestId);
    response.locals.requestLog = log;
    noteErrorCodesOfErrorBodies(response, log);
    response.once('close', () => {
      const path = pathOf(request.originalUrl);
      log.finish(`${request.method} ${path}`, response.statusCode);
      onFinished?.(log, path, response.statusCode);
    });
    runInRequestScope(log, next);
  };
}

/**
 * Re-enters the request's scope: a body parser resumes the chain from a stream event, outside
 * it. Place after the body parser, before Apollo.
 */
export const reenterRequestScope: RequestHandler = (_request, response, next) => {
  const log = response.locals.requestLog as RequestLog | undefined;
  if (log) runInRequestScope(log, next);
  else next();
};

/** The same for the error handlers at the end of the chain (their error may come from a body parser). */
export const reenterRequestScopeOnError: ErrorRequestHandler = (error, _request, response, next) => {
  const log = response.locals.requestLog as RequestLog | undefined;
  if (log) runInRequestScope(log, () => next(error));
  else next(error);
};

/** Tells the request's log the operation, the viewer and the error codes Apollo answered with. */
export const requestLogPlugin: ApolloServerPlugin<{ viewer?: Viewer }> = {
  async requestDidStart() {
    return {
      async willSendResponse({ operationName, request, response, contextValue }) {
        const log = currentRequestLog();
        if (!log) return;
        log.operationName = (operationName ?? request.operationName ?? null)?.slice(0, 200) ?? null;
        if (contextValue.viewer !== undefined) log.noteViewer(contextValue.viewer);
        if (response.body.kind === 'single') log.noteErrors(response.body.singleResult.errors);
      },
    };
  },
};
