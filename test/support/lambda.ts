/**
 * The Lambda handler as AWS runs it: `buildLambda` bundles src/lambda.ts the way `npm run build`
 * does, into a directory outside the repository (so that nothing can come from node_modules);
 * `startInstance` forks one instance (test/support/lambda-instance.mjs) that loads it once and
 * answers API Gateway events one at a time.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runScript } from './scripts';
import { TEST_JWT_SECRET } from './server';

export interface GatewayResult {
  statusCode: number;
  headers?: Record<string, string>;
  body: string;
}

/**
 * Bundles the handler and packages it as the README says, in a new directory outside the
 * repository: lambda.mjs, the Prisma query compiler and schema.prisma.
 */
export async function buildLambda(): Promise<{ dir: string; remove(): void }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'lambda-'));
  const built = path.join(dir, 'build');
  await runScript('src/cli/build.ts', ['--outdir', built, '--entry', 'lambda']);
  const packaged = path.join(dir, 'package');
  mkdirSync(packaged);
  copyFileSync(path.join(built, 'lambda.js'), path.join(packaged, 'lambda.mjs'));
  for (const file of ['query_compiler_bg.wasm', 'schema.prisma']) copyFileSync(path.join(built, file), path.join(packaged, file));
  rmSync(built, { recursive: true, force: true });
  return { dir: packaged, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** An API Gateway HTTP API (payload format 2.0) event for POST /graphql. */
export function httpApiEvent(body: unknown, headers: Record<string, string> = {}) {
  return {
    version: '2.0',
    routeKey: 'POST /graphql',
    rawPath: '/graphql',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', ...headers },
    requestContext: { http: { method: 'POST', path: '/graphql' }, requestId: 'gateway' },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  };
}

/** An API Gateway REST API (payload format 1.0) event for POST /graphql, body base64 as binary media types send it. */
export function restApiEvent(body: unknown, headers: Record<string, string> = {}) {
  return {
    resource: '/graphql',
    path: '/graphql',
    httpMethod: 'POST',
    // REST APIs keep the client's header case.
    headers: { 'Content-Type': 'application/json', ...headers },
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    requestContext: { requestId: 'gateway' },
    body: Buffer.from(JSON.stringify(body)).toString('base64'),
    isBase64Encoded: true,
  };
}

export interface LambdaInstance {
  /** Process start to first answer, as measured inside the instance. */
  coldStartMs: number;
  /** Fork to first answer, as measured here (adds process creation). */
  spawnToFirstAnswerMs: number;
  first: GatewayResult;
  /** Invokes the handler once per event, one after the other, as Lambda does. */
  invoke(events: unknown[]): Promise<GatewayResult[]>;
  /** The handler's stdout (its JSON log lines). */
  stdout(): string;
  stop(): Promise<void>;
}

/**
 * An instance's environment, as a function's configuration would set it (nothing inherited but
 * PATH): the database, the tests' key, development mode and no logs unless `overrides` say otherwise.
 */
export function lambdaEnvironment(databaseUrl: string, overrides: Record<string, string> = {}): Record<string, string> {
  return { DATABASE_URL: databaseUrl, JWT_SECRET: TEST_JWT_SECRET, NODE_ENV: 'development', LOG_LEVEL: 'silent', ...overrides };
}

export async function startInstance(dir: string, env: Record<string, string>, firstEvent: unknown): Promise<LambdaInstance> {
  const started = performance.now();
  const child: ChildProcess = fork(path.resolve('test/support/lambda-instance.mjs'), [dir], {
    env: { PATH: process.env.PATH ?? '', ...env, FIRST_EVENT: JSON.stringify(firstEvent) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    execArgv: [],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  /** The instance's next message of this type; rejects if it exits first. */
  const next = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (message: { type: string } & T) => {
        if (message.type !== type) return;
        cleanup();
        resolve(message);
      };
      const onExit = (code: number | null) => {
        cleanup();
        reject(new Error(`instance exited (${code}): ${stderr}`));
      };
      const cleanup = () => {
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const cold = await next<{ coldStartMs: number; first: GatewayResult }>('cold');
  const spawnToFirstAnswerMs = performance.now() - started;
  return {
    coldStartMs: cold.coldStartMs,
    spawnToFirstAnswerMs,
    first: cold.first,
    async invoke(events) {
      const done = next<{ results: GatewayResult[] }>('done');
      child.send({ type: 'run', events });
      return (await done).results;
    },
    stdout: () => stdout,
    async stop() {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'exit' });
      await gone;
    },
  };
}

/**
 * Starts `count` instances, at most `wave` cold starts at a time: a cold start is CPU-bound, and
 * two dozen at once on a small machine only starve the other test files. Their invocations are
 * what runs concurrently.
 */
export async function startInstances(
  count: number,
  dir: string,
  env: Record<string, string>,
  firstEvent: unknown,
  wave = 4,
): Promise<LambdaInstance[]> {
  const instances: LambdaInstance[] = [];
  for (let started = 0; started < count; started += wave) {
    instances.push(
      ...(await Promise.all(Array.from({ length: Math.min(wave, count - started) }, () => startInstance(dir, env, firstEvent)))),
    );
  }
  return instances;
}
