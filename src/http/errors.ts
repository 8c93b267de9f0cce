/**
 * Every HTTP error is a GraphQL-shaped JSON body (`{"errors":[{"message","extensions":{"code"}}]}`),
 * 4xx when the client caused it, whatever went wrong before Apollo had the request: a body that is
 * not JSON or too large, an unsupported media type, charset or encoding, an unknown path, a request
 * Node's HTTP parser refuses. Express's default error handler never runs (it answers HTML and
 * writes the body, variable values included, to stderr).
 */
import type http from 'node:http';
import type { Socket } from 'node:net';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { logger } from '../logging/logger';
import { requestIdOf } from '../logging/request-log';

/** To the log of the request it happened in (its requestId on the line). */
const logInternalError = (message: string, error: unknown) => logger().error({ err: error }, message);

export function errorBody(message: string, code: string) {
  return { errors: [{ message, extensions: { code } }] };
}

function sendError(response: Response, status: number, message: string, code = 'BAD_REQUEST') {
  response.status(status).json(errorBody(message, code));
}

/** POST /graphql takes JSON only (415 otherwise), before its body is read. */
export const requireJsonBody: RequestHandler = (request, response, next) => {
  if (request.method !== 'POST' || request.is('application/json')) return next();
  sendError(response, 415, 'Send GraphQL requests as JSON: Content-Type: application/json.');
};

/** What body-parser's failures (http-errors `type`s) mean to the client. */
const BODY_ERRORS: Record<string, (limit: string) => { status: number; message: string }> = {
  'entity.parse.failed': () => ({
    status: 400,
    message: 'The body is not a JSON object such as {"query": "{ products { totalCount } }"}.',
  }),
  'entity.too.large': (limit) => ({ status: 413, message: `The body is larger than ${limit}.` }),
  'charset.unsupported': () => ({ status: 415, message: 'Unsupported charset: send JSON in UTF-8.' }),
  'encoding.unsupported': () => ({ status: 415, message: 'Unsupported Content-Encoding: send gzip, deflate, br or none.' }),
};

interface HttpError {
  status?: unknown;
  type?: unknown;
}

/**
 * The last handler of the app: request-body failures as 4xx, anything else as a 500 (logged
 * without the request body). `bodyLimit` is the body size limit, for the 413 message.
 */
export function jsonErrorHandler(
  bodyLimit: string,
  log: (message: string, error: unknown) => void = logInternalError,
): ErrorRequestHandler {
  return (error: HttpError, _request, response, next) => {
    if (response.headersSent) return next(error); // Express then closes the connection
    const status = typeof error.status === 'number' ? error.status : 500;
    const known = typeof error.type === 'string' ? BODY_ERRORS[error.type]?.(bodyLimit) : undefined;
    if (known) return sendError(response, known.status, known.message);
    // A body stream that broke (a truncated gzip body, a length that does not match) or a URL
    // that does not decode: the client's.
    if (status >= 400 && status < 500) return sendError(response, status, 'The request could not be read (a broken body or URL).');
    log('internal error (HTTP):', error instanceof Error ? (error.stack ?? error.message) : String(error));
    sendError(response, 500, 'Internal server error', 'INTERNAL_SERVER_ERROR');
  };
}

/** Unknown paths: 404 with a JSON body. */
export const notFound: RequestHandler = (request, response) => {
  sendError(response, 404, `No such resource: ${request.method} ${request.path}.`, 'NOT_FOUND');
};

/** Node's own answers to what its HTTP parser refuses, by error code; 400 for the rest. */
const CLIENT_ERROR_STATUS: Record<string, { status: string; message: string }> = {
  HPE_HEADER_OVERFLOW: { status: '431 Request Header Fields Too Large', message: 'The request headers are too large.' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: '408 Request Timeout', message: 'The request took too long to arrive.' },
};

/** A whole HTTP/1.1 response with a JSON error body, for a socket Node hands over unanswered. */
function rawJsonResponse(statusLine: string, message: string): string {
  const body = JSON.stringify(errorBody(message, 'BAD_REQUEST'));
  return (
    `HTTP/1.1 ${statusLine}\r\ncontent-type: application/json; charset=utf-8\r\n` +
    `content-length: ${Buffer.byteLength(body)}\r\nx-request-id: ${requestIdOf(undefined)}\r\nconnection: close\r\n\r\n${body}`
  );
}

/**
 * What Node's HTTP server answers by itself, answered as JSON with an `x-request-id` instead:
 * requests its parser refuses (a malformed request line or header, headers too large: as Node
 * does, only on a socket that has not answered anything yet, never in the middle of a keep-alive
 * response; otherwise it is closed), an `Expect` it does not know (417), and CONNECT (405; Node
 * would drop the socket). A request without a Host header is not refused: the server is created
 * with `requireHostHeader: false`.
 */
export function answerMalformedRequestsWithJson(server: http.Server): void {
  server.on('clientError', (error: Error & { code?: string }, socket: Socket) => {
    if (!socket.writable || socket.bytesWritten > 0 || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const { status, message } = CLIENT_ERROR_STATUS[error.code ?? ''] ?? { status: '400 Bad Request', message: 'Malformed HTTP request.' };
    socket.end(rawJsonResponse(status, message));
  });
  server.on('checkExpectation', (request: http.IncomingMessage, response: http.ServerResponse) => {
    const body = JSON.stringify(errorBody(`Expect: ${request.headers.expect} is not supported.`, 'BAD_REQUEST'));
    response.writeHead(417, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'x-request-id': requestIdOf(request.headers['x-request-id']),
      connection: 'close',
    });
    response.end(body);
  });
  server.on('connect', (_request: http.IncomingMessage, socket: Socket) => {
    socket.end(rawJsonResponse('405 Method Not Allowed', 'CONNECT is not supported.'));
  });
}
