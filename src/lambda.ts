/**
 * AWS Lambda behind API Gateway (HTTP API payload 2.0, REST API 1.0): the same GraphQL API as
 * `POST /graphql`, built by `npm run build` into one file, dist/lambda.js.
 *
 * Module scope runs once per instance (the cold start): config, one PrismaClient and one Apollo
 * Server, reused by every warm invocation. DATABASE_POOL_SIZE defaults to 1: an instance answers
 * one event at a time, and what bounds PostgreSQL's connections is the instance count, so put a
 * transaction pooler (PgBouncer) in front. Nothing here migrates or seeds: the deploy pipeline
 * runs `prisma migrate deploy` on DIRECT_DATABASE_URL.
 */
import { ApolloServer } from '@apollo/server';
import { handlers, startServerAndCreateLambdaHandler } from '@as-integrations/aws-lambda';
import type {
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  APIGatewayProxyResult,
  APIGatewayProxyStructuredResultV2,
  Context as LambdaContext,
} from 'aws-lambda';
import { apolloOptions, contextFactory } from './apollo';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './db/client';
import { withReportReplica } from './db/replica';
import type { Context } from './graphql/context';
import { errorBody } from './http/errors';
import { createLogger, runInRequestScope, setProcessLogger } from './logging/logger';
import { noteErrorCodesOfBody, pathOf, RequestLog, requestIdOf } from './logging/request-log';

type GatewayEvent = APIGatewayProxyEvent | APIGatewayProxyEventV2;
type GatewayResult = APIGatewayProxyResult & APIGatewayProxyStructuredResultV2;

// One connection per instance unless told (an empty value, as consoles leave them, is not telling).
const config = loadConfig({ ...process.env, DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE || '1' });
if (!config.databaseUrl) throw new ConfigError('DATABASE_URL must be set (a Lambda has no embedded database)');
const logger = createLogger(config.logLevel);
setProcessLogger(logger);
const primary = openDatabase(config.databaseUrl, config.databasePoolSize, config.databasePoolTimeoutMs);
const { databaseReplicaUrl } = config;
const database = databaseReplicaUrl ? withReportReplica(primary, { ...config, databaseReplicaUrl }) : primary;
const contextOf = contextFactory(database, config);
const apollo = new ApolloServer<Context>(apolloOptions(config));

const isV2 = (event: GatewayEvent): event is APIGatewayProxyEventV2 => (event as { version?: string }).version === '2.0';
/** A request header by its lower-case name (REST APIs keep the client's case). */
const headerOf = (event: GatewayEvent, name: string) =>
  Object.entries(event.headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1] ?? undefined;

const v1 = handlers.createAPIGatewayProxyEventRequestHandler();
const v2 = handlers.createAPIGatewayProxyEventV2RequestHandler();
/** Both payload formats; a body that is not JSON is a GraphQL-shaped 400, as on the server. */
const apiGateway: handlers.RequestHandler<GatewayEvent, GatewayResult> = {
  fromEvent: (event) => (isV2(event) ? v2.fromEvent(event) : v1.fromEvent(event)),
  toSuccessResult: (response) => v2.toSuccessResult(response) as GatewayResult,
  toErrorResult: () => ({
    statusCode: 400,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(errorBody('The body is not a JSON object such as {"query": "{ products { totalCount } }"}.', 'BAD_REQUEST')),
  }),
};

const graphql = startServerAndCreateLambdaHandler(apollo, apiGateway, {
  context: ({ event }) => contextOf(headerOf(event, 'authorization')),
});

/** As POST /graphql on the server: a POST whose body is not declared JSON is 415, before anything reads it. */
function unsupportedMediaType(event: GatewayEvent, method: string): GatewayResult | undefined {
  const mediaType = headerOf(event, 'content-type')?.split(';')[0]?.trim().toLowerCase();
  if (method !== 'POST' || mediaType === 'application/json') return undefined;
  return {
    statusCode: 415,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(errorBody('Send GraphQL requests as JSON: Content-Type: application/json.', 'BAD_REQUEST')),
  };
}

/** The Lambda entry point: one JSON log line per invocation, `x-request-id` echoed. */
export async function handler(event: GatewayEvent, context: LambdaContext): Promise<GatewayResult> {
  const log = new RequestLog(requestIdOf(headerOf(event, 'x-request-id')), logger);
  const [method, path] = isV2(event) ? [event.requestContext.http.method, event.rawPath] : [event.httpMethod, event.path];
  const result =
    unsupportedMediaType(event, method) ?? ((await runInRequestScope(log, () => graphql(event, context, () => {}))) as GatewayResult);
  result.headers = { ...result.headers, 'x-request-id': log.requestId };
  noteErrorCodesOfBody(log, result.statusCode, result.body);
  log.finish(`${method} ${pathOf(path ?? '/')}`, result.statusCode);
  return result;
}
