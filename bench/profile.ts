/**
 * npm run bench:profile [-- --scenario nested|point|floor|checkout] [--seconds S] [--clients N] [--service "node --import tsx src/main.ts"] [--service-cwd DIR]
 *
 * Where the service's CPU goes under one of the bench's loads: runs it with `node --cpu-prof`
 * (NODE_ENV=production, a process of its own), loads it with wrk, stops it, and prints the
 * self time by package and by function. The .cpuprofile stays in bench/results/ (open it in
 * Chrome's DevTools or speedscope).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { signAccessToken } from '../src/graphql/auth';
import { toGlobalId } from '../src/graphql/global-id';
import { scratchServer } from '../src/db/locate';
import { projectRoot } from '../src/project-root';
import { checkoutDatabase, readDatabase } from './databases';
import { serviceCommand, startServer } from './processes';
import { BENCH_JWT_SECRET, BENCH_QUERIES, graphqlRequest, printTable } from './support';
import { load } from './wrk';

const { values: flags } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'nested' },
    seconds: { type: 'string', default: '10' },
    clients: { type: 'string', default: '16' },
    orders: { type: 'string', default: '100000' },
    // From source, so that the profile names packages and functions (the build is one minified file).
    service: { type: 'string', default: 'node --import tsx src/main.ts' },
    'service-cwd': { type: 'string', default: projectRoot },
  },
});

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
}

/** Samples per key (idle and the profiler's own nodes left out), largest first. */
function selfTime(profile: CpuProfile, keyOf: (frame: CpuProfile['nodes'][number]['callFrame']) => string) {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const counts = new Map<string, number>();
  let total = 0;
  for (const id of profile.samples) {
    const frame = frames.get(id)!;
    if (frame.functionName === '(idle)') continue;
    const key = keyOf(frame);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    total += 1;
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([key, count]) => [key, `${((100 * count) / total).toFixed(1)}%`]);
}

const packageOf = (url: string) =>
  /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)?.[1] ??
  (url.startsWith('node:') ? 'node (built-in)' : url ? path.relative(projectRoot, url.replace('file://', '')) : '(native/gc)');

const server = await scratchServer('order-service-bench');
try {
  const scenario = flags.scenario as keyof typeof BENCH_QUERIES;
  if (!(scenario in BENCH_QUERIES)) throw new Error(`--scenario is one of ${Object.keys(BENCH_QUERIES).join(', ')}`);
  const shop = scenario === 'checkout' ? await checkoutDatabase(server, 1_000) : undefined;
  const url = shop?.url ?? (await readDatabase(server, Number(flags.orders), console.log));
  const profileDir = path.join(projectRoot, 'bench/results', `profile-${scenario}-${Date.now()}`);
  const profiling = ['--cpu-prof', `--cpu-prof-dir=${profileDir}`];
  const service = await startServer(serviceCommand(flags.service!, flags['service-cwd']!, url, profiling), '/healthz');
  const token = await signAccessToken(BENCH_JWT_SECRET, shop?.buyerId ?? 1);
  const variables =
    scenario === 'point'
      ? { id: toGlobalId('Order', Math.floor(Number(flags.orders) / 2)) }
      : scenario === 'checkout'
        ? { input: { items: [{ productId: toGlobalId('Product', shop!.hotProductId), quantity: 1 }] } }
        : undefined;
  const request = graphqlRequest(BENCH_QUERIES[scenario], variables, token);
  await load(service.url, request, 4, 2); // warm up: the profile shows the steady state mostly
  const cpuBefore = service.cpuMs();
  const result = await load(service.url, request, Number(flags.clients), Number(flags.seconds));
  const cpuPerRequest = (service.cpuMs() - cpuBefore) / Math.max(1, result.requests);
  await service.stop();
  const file = (await readdir(profileDir)).find((name) => name.endsWith('.cpuprofile'))!;
  const profile = JSON.parse(await readFile(path.join(profileDir, file), 'utf8')) as CpuProfile;
  console.log(
    `${scenario} at ${flags.clients} clients: ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.p50Ms.toFixed(2)} ms, ${cpuPerRequest.toFixed(2)} ms CPU per request, ${result.failed} failed`,
  );
  printTable('self time by package', ['package', 'share'], selfTime(profile, (frame) => packageOf(frame.url)).slice(0, 20));
  printTable(
    'self time by function',
    ['function', 'share'],
    selfTime(profile, (frame) => `${frame.functionName || '(anonymous)'} ${packageOf(frame.url)}:${frame.lineNumber + 1}`).slice(0, 30),
  );
  console.log(`\nprofile: ${path.relative(projectRoot, path.join(profileDir, file))}`);
} finally {
  await server.stop();
}
