/**
 * Stopping the HTTP server without losing an answer: a request the service has started is
 * answered, and a request it will not answer is not started.
 *
 * Once `stop()` is called: no new connection is accepted; a request that arrives on an open
 * keep-alive connection gets 503 + `Connection: close` and touches nothing; the requests already
 * running finish (for at most `graceMs`) and their answers carry `Connection: close`; idle
 * connections are destroyed, never half-closed (a half-closed socket still reads, and a request
 * read from it would run with nowhere to send its answer).
 */
import type http from 'node:http';
import type { RequestHandler } from 'express';
import { RETRY_AFTER_SECONDS } from '../db/unavailable';

export interface HttpDrain {
  /** Goes first in the app: counts requests, and refuses new ones once stopping. */
  middleware: RequestHandler;
  /** Resolves when every connection is closed: at once when idle, at most `graceMs` later. */
  stop(graceMs: number): Promise<void>;
}

const SHUTTING_DOWN = {
  errors: [{ message: 'The service is shutting down; retry.', extensions: { code: 'SERVICE_UNAVAILABLE' } }],
};

export function httpDrain(server: http.Server): HttpDrain {
  let stopping = false;
  const running = new Set<http.ServerResponse>();
  let settled: () => void = () => {};

  const middleware: RequestHandler = (request, response, next) => {
    // A pipelined request queued behind an answer that closes the connection never gets a
    // 'close' of its own: its socket's 'close' counts instead.
    const done = () => {
      request.socket.off('close', done);
      running.delete(response);
      if (stopping && running.size === 0) settled();
    };
    running.add(response);
    response.once('close', done);
    request.socket.once('close', done);
    if (!stopping) return next();
    response
      .set({ connection: 'close', 'retry-after': String(RETRY_AFTER_SECONDS) })
      .status(503)
      .json(SHUTTING_DOWN);
  };

  return {
    middleware,
    async stop(graceMs) {
      stopping = true;
      // Node's close() also destroys the connections that are idle now.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const response of running) if (!response.headersSent) response.setHeader('connection', 'close');
      let timer: NodeJS.Timeout | undefined;
      if (running.size > 0) {
        await new Promise<void>((resolve) => {
          settled = resolve;
          timer = setTimeout(resolve, graceMs);
        });
      }
      clearTimeout(timer);
      // Keep-alive connections whose last answer went out before stop(), and whatever is past the grace.
      server.closeAllConnections();
      await closed;
    },
  };
}
