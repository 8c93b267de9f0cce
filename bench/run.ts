/**
 * npm run bench [-- --smoke] [--rounds N] [--seconds S] [--orders N] [--service "node dist/main.js"] [--service-cwd DIR] [--label L] [--only NAME]
 *
 * The service (`node dist/main.js`, NODE_ENV=production, a process of its own) beside B, a
 * hand-written node:http + pg endpoint returning the same JSON (bench/baseline.ts), both loaded
 * by wrk from outside: the nested and point reads, the `{ __typename }` floor, and checkout on one
 * hot product and spread over many; plus cold start and peak RSS. Each figure is the median of
 * the rounds, each ratio the median of the rounds' service/B ratios. Prints a table, writes
 * bench/results/<time>-<label>.json, exits 1 if any answer was wrong or anything was oversold.
 * `--smoke` (or BENCH_SMOKE=1): one short round on a small shop, for CI.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { signAccessToken } from '../src/graphql/auth';
import { toGlobalId } from '../src/graphql/global-id';
import { scratchServer } from '../src/db/locate';
import { projectRoot } from '../src/project-root';
import { checkoutDatabase, checkoutInvariant, readDatabase } from './databases';
import { cpuBetween, watchBackends, type BackendCpu } from './backend-cpu';
import { coldStart, serviceCommand, startServer, type Command, type ServerProcess } from './processes';
import { load, type LoadRequest, type LoadResult } from './wrk';
import { BENCH_JWT_SECRET, BENCH_QUERIES, graphqlRequest, median, printTable } from './support';

const { values: flags } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: process.env.BENCH_SMOKE === '1' },
    rounds: { type: 'string' },
    seconds: { type: 'string' },
    orders: { type: 'string' },
    service: { type: 'string', default: 'node dist/main.js' },
    'service-cwd': { type: 'string', default: projectRoot },
    label: { type: 'string', default: 'run' },
    /** Only the scenarios whose name contains this (e.g. "nested", "checkout", "cold start"): for experiments. */
    only: { type: 'string' },
  },
});
const wanted = (name: string) => !flags.only || name.includes(flags.only);
const smoke = flags.smoke!;
const rounds = Number(flags.rounds ?? (smoke ? 1 : 3));
const seconds = Number(flags.seconds ?? (smoke ? 1 : 5));
const orders = Number(flags.orders ?? (smoke ? 2_000 : 100_000));
const coldStarts = smoke ? 1 : 5;
const SPREAD_PRODUCTS = 1_000;
const ADMIN_ID = 1; // the seed's admin@example.com

const log = (message: string) => console.log(`[bench] ${message}`);

interface Scenario {
  name: string;
  clients: number[];
  service: LoadRequest;
  baseline: LoadRequest;
}
interface Run extends LoadResult {
  /** CPU of the server process per request, in ms. */
  cpuMsPerRequest: number;
  /** CPU of its PostgreSQL backends per request, in ms (0 where /proc does not show them). */
  databaseCpuMsPerRequest: number;
  scenario: string;
  clients: number;
  target: 'service' | 'baseline';
  round: number;
}

const runs: Run[] = [];
let wrong = 0;

async function measure(
  scenarios: Scenario[],
  service: ServerProcess,
  baseline: ServerProcess,
  backends: BackendCpu,
  round: number,
  after?: (scenario: string, clients: number) => void,
) {
  for (const scenario of scenarios) {
    for (const clients of scenario.clients) {
      for (const [target, server, request] of [
        ['service', service, scenario.service],
        ['baseline', baseline, scenario.baseline],
      ] as const) {
        const [cpuBefore, databaseBefore] = [server.cpuMs(), await backends.sample()];
        const result = await load(server.url, request, clients, seconds);
        const requests = Math.max(1, result.requests);
        const cpuMsPerRequest = (server.cpuMs() - cpuBefore) / requests;
        const databaseCpuMsPerRequest = cpuBetween(databaseBefore, await backends.sample()) / requests;
        runs.push({ ...result, cpuMsPerRequest, databaseCpuMsPerRequest, scenario: scenario.name, clients, target, round });
        if (result.failed > 0) {
          wrong += 1;
          log(`${target} ${scenario.name} at ${clients}: ${result.failed} failed answers`);
        }
        if (target === 'service') after?.(scenario.name, clients);
      }
    }
  }
}

async function warmUp(scenarios: Scenario[], service: ServerProcess, baseline: ServerProcess) {
  if (smoke) return;
  for (const scenario of scenarios) {
    await load(service.url, scenario.service, 4, 1);
    await load(baseline.url, scenario.baseline, 4, 1);
  }
}

/** An answer as compared: a new order's id differs between the two by nature, everything else must not. */
function comparable(body: unknown): unknown {
  const placed = (body as { data?: { placeOrder?: Record<string, unknown> } } | null)?.data?.placeOrder;
  return placed ? { data: { placeOrder: { ...placed, id: '(new order)' } } } : body;
}

const signedIn = (token: string) => ({ authorization: `Bearer ${token}` });

async function sameAnswer(
  name: string,
  service: ServerProcess,
  serviceRequest: LoadRequest,
  baseline: ServerProcess,
  baselineRequest: LoadRequest,
) {
  const fetchJson = async (url: string, request: LoadRequest) =>
    comparable(
      await (await fetch(`${url}${request.path}`, { method: request.method, headers: request.headers, body: request.bodies?.[0] })).json(),
    );
  const [fromService, fromBaseline] = await Promise.all([fetchJson(service.url, serviceRequest), fetchJson(baseline.url, baselineRequest)]);
  if (!isDeepStrictEqual(fromService, fromBaseline)) {
    wrong += 1;
    log(
      `${name}: the service and B answer differently:\n${JSON.stringify(fromService).slice(0, 600)}\n${JSON.stringify(fromBaseline).slice(0, 600)}`,
    );
  }
}

const serviceCommandFor = (databaseUrl: string) => serviceCommand(flags.service!, flags['service-cwd']!, databaseUrl);
const baselineCommand = (databaseUrl: string): Command => ({
  argv: [process.execPath, '--import', 'tsx', path.join(projectRoot, 'bench/baseline.ts')],
  cwd: projectRoot,
  env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: databaseUrl, JWT_SECRET: BENCH_JWT_SECRET },
});

/** Starts the service and B on one database, checks they agree, warms them up and measures the rounds. */
async function phase(databaseUrl: string, scenarios: Scenario[]) {
  if (scenarios.length === 0) return;
  const service = await startServer(serviceCommandFor(databaseUrl), '/healthz');
  const baseline = await startServer(baselineCommand(databaseUrl), '/floor');
  const backends = await watchBackends(databaseUrl);
  try {
    for (const scenario of scenarios) await sameAnswer(scenario.name, service, scenario.service, baseline, scenario.baseline);
    await warmUp(scenarios, service, baseline);
    for (let round = 1; round <= rounds; round += 1) {
      await measure(scenarios, service, baseline, backends, round, (name, clients) => {
        if (name === 'nested read' && clients === 16) peakRssMb = service.peakRssMb();
      });
    }
  } finally {
    await backends.close();
    await service.stop();
    await baseline.stop();
  }
}

const server = await scratchServer('order-service-bench');
const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  memoryGb: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  wrk: spawnSync('wrk', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0]!.trim(), // exits 1 after printing it
  loadAverageAtStart: os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(' '),
};
let peakRssMb = 0;
const cold: { wallMs: number; cpuMs: number }[] = [];
try {
  const readUrl = await readDatabase(server, orders, log);
  log(`cold start of "${flags.service}" (${coldStarts}x)`);
  for (let index = 0; index < (wanted('cold start') ? coldStarts : 0); index += 1) cold.push(await coldStart(serviceCommandFor(readUrl)));

  const adminToken = await signAccessToken(BENCH_JWT_SECRET, ADMIN_ID);
  const orderId = Math.max(1, Math.floor(orders / 2));
  const allReads: Scenario[] = [
    {
      name: 'nested read',
      clients: [1, 16],
      service: graphqlRequest(BENCH_QUERIES.nested, undefined, adminToken),
      baseline: { method: 'GET', path: '/nested', headers: signedIn(adminToken) },
    },
    {
      name: 'point read',
      clients: [1, 16],
      service: graphqlRequest(BENCH_QUERIES.point, { id: toGlobalId('Order', orderId) }, adminToken),
      baseline: { method: 'GET', path: `/point/${orderId}`, headers: signedIn(adminToken) },
    },
    {
      name: '{ __typename } anonymous',
      clients: [1],
      service: graphqlRequest(BENCH_QUERIES.floor),
      baseline: { method: 'GET', path: '/floor' },
    },
    {
      name: '{ __typename } signed in',
      clients: [1],
      service: graphqlRequest(BENCH_QUERIES.floor, undefined, adminToken),
      baseline: { method: 'GET', path: '/floor', headers: signedIn(adminToken) },
    },
  ];
  const reads = allReads.filter((scenario) => wanted(scenario.name));
  log('reads');
  await phase(readUrl, reads);

  log('checkout');
  const shop = await checkoutDatabase(server, SPREAD_PRODUCTS);
  const buyerToken = await signAccessToken(BENCH_JWT_SECRET, shop.buyerId);
  const place = (productIds: number[]): Pick<Scenario, 'service' | 'baseline'> => ({
    service: {
      ...graphqlRequest(BENCH_QUERIES.checkout, undefined, buyerToken),
      bodies: productIds.map((id) =>
        JSON.stringify({
          query: BENCH_QUERIES.checkout,
          variables: { input: { items: [{ productId: toGlobalId('Product', id), quantity: 1 }] } },
        }),
      ),
    },
    baseline: {
      method: 'POST',
      path: '/checkout',
      headers: { 'content-type': 'application/json', ...signedIn(buyerToken) },
      bodies: productIds.map((id) => JSON.stringify({ productId: id, quantity: 1 })),
    },
  });
  const allCheckouts: Scenario[] = [
    { name: 'checkout, one hot product', clients: [1, 8, 32], ...place([shop.hotProductId]) },
    { name: `checkout, spread over ${SPREAD_PRODUCTS} products`, clients: [1, 8, 32], ...place(shop.spreadProductIds) },
  ];
  await phase(
    shop.url,
    allCheckouts.filter((scenario) => wanted(scenario.name)),
  );
  const invariant = await checkoutInvariant(shop.url);
  if (invariant.oversold || invariant.unaccounted) {
    wrong += 1;
    log(`checkout: ${invariant.oversold} products oversold, ${invariant.unaccounted} with stock not accounted for by order lines`);
  }
} finally {
  await server.stop();
}

// Summary: medians over rounds; ratios are service / B per round, then the median.
const summary = (of: Run[]) => ({
  requestsPerSecond: median(of.map((run) => run.requestsPerSecond)),
  p50Ms: median(of.map((run) => run.p50Ms)),
  cpuMsPerRequest: median(of.map((run) => run.cpuMsPerRequest)),
  totalCpuMsPerRequest: median(of.map((run) => run.cpuMsPerRequest + run.databaseCpuMsPerRequest)),
});
const keyOf = (run: Pick<Run, 'scenario' | 'clients'>) => `${run.scenario}|${run.clients}`;
const rows = [...new Map(runs.map((run) => [keyOf(run), run])).values()].map(({ scenario, clients }) => {
  const of = (target: Run['target']) => runs.filter((run) => keyOf(run) === keyOf({ scenario, clients }) && run.target === target);
  const service = of('service');
  const baseline = of('baseline');
  const ratios = service.map((run) => run.requestsPerSecond / baseline.find((other) => other.round === run.round)!.requestsPerSecond);
  return {
    scenario,
    clients,
    service: summary(service),
    baseline: summary(baseline),
    ratio: median(ratios),
  };
});
const p50Of = (scenario: string) =>
  Array.from(
    { length: rounds },
    (_, index) => runs.find((run) => run.scenario === scenario && run.target === 'service' && run.round === index + 1)?.p50Ms ?? Number.NaN,
  );
const anonymous = p50Of('{ __typename } anonymous');
const tokenCostMs = median(p50Of('{ __typename } signed in').map((p50, index) => p50 - anonymous[index]!));
const coldStartMs = median(cold.map((start) => start.wallMs));
const coldStartCpuMs = median(cold.map((start) => start.cpuMs));

const ratioOf = (scenario: string, clients: number) => rows.find((row) => row.scenario === scenario && row.clients === clients)?.ratio ?? 0;
const targets = [
  { what: 'nested read, 1 client', value: ratioOf('nested read', 1), target: 0.3, unit: 'x B' },
  { what: 'nested read, 16 clients', value: ratioOf('nested read', 16), target: 0.2, unit: 'x B' },
  { what: 'point read, 1 client', value: ratioOf('point read', 1), target: 0.25, unit: 'x B' },
  { what: 'point read, 16 clients', value: ratioOf('point read', 16), target: 0.12, unit: 'x B' },
  { what: 'checkout, one hot product, 8 clients', value: ratioOf('checkout, one hot product', 8), target: 0.6, unit: 'x raw pg' },
  { what: 'a token over the anonymous floor (p50)', value: tokenCostMs, target: 0.3, unit: 'ms', atMost: true },
  { what: 'node dist/main.js to first answer', value: coldStartMs, target: 600, unit: 'ms', atMost: true },
  { what: 'peak RSS under the nested load (16 clients)', value: peakRssMb, target: 200, unit: 'MB', atMost: true },
].map((target) => ({ ...target, met: target.atMost ? target.value <= target.target : target.value >= target.target }));

const figure = (side: { requestsPerSecond: number; p50Ms: number }) => `${side.requestsPerSecond.toFixed(0)} (${side.p50Ms.toFixed(2)} ms)`;
const loadAverageAtEnd = os
  .loadavg()
  .map((value) => value.toFixed(1))
  .join(' ');
printTable(
  `${flags.label}: service "${flags.service}" vs B, ${orders} orders, ${rounds} round(s) of ${seconds} s, medians ` +
    `(${machine.cpus} x ${machine.cpuModel}, ${machine.node}; load average ${machine.loadAverageAtStart} at start, ${loadAverageAtEnd} at end)`,
  ['scenario', 'clients', 'service req/s (p50)', 'B req/s (p50)', 'ratio', 'CPU ms/req: service+pg, B+pg', 'CPU ratio'],
  rows.map((row) => [
    row.scenario,
    row.clients,
    figure(row.service),
    figure(row.baseline),
    row.ratio.toFixed(2),
    `${row.service.totalCpuMsPerRequest.toFixed(2)}, ${row.baseline.totalCpuMsPerRequest.toFixed(2)}`,
    (row.baseline.totalCpuMsPerRequest / row.service.totalCpuMsPerRequest).toFixed(2),
  ]),
);
console.log(`\ncold start (launch to first answer): ${coldStartMs.toFixed(0)} ms wall, ${coldStartCpuMs.toFixed(0)} ms CPU`);
console.log(`peak RSS under the nested load: ${peakRssMb.toFixed(0)} MB; a token adds ${tokenCostMs.toFixed(2)} ms at p50`);
printTable(
  'targets',
  ['target', 'measured', 'wanted', ''],
  targets.map((target) => [
    target.what,
    `${target.value.toFixed(2)} ${target.unit}`,
    `${target.atMost ? '<=' : '>='} ${target.target} ${target.unit}`,
    target.met ? 'met' : 'MISSED',
  ]),
);

const results = path.join(projectRoot, 'bench/results');
await mkdir(results, { recursive: true });
const file = path.join(results, `${new Date().toISOString().replace(/[:.]/g, '-')}-${flags.label}.json`);
await writeFile(
  file,
  JSON.stringify(
    {
      label: flags.label,
      service: flags.service,
      machine: { ...machine, loadAverageAtEnd },
      options: { rounds, seconds, orders, smoke },
      rows,
      targets,
      coldStarts: cold,
      peakRssMb,
      tokenCostMs,
      runs,
    },
    null,
    2,
  ),
);
console.log(`\nwrote ${path.relative(projectRoot, file)}`);
if (wrong) {
  console.error(`${wrong} correctness problem(s): see above`);
  process.exitCode = 1;
}
