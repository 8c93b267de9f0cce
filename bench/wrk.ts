/**
 * Load from a separate process: Debian's `wrk` (apt-get install wrk), one thread, N keep-alive
 * connections, driven by a generated Lua script that also counts failed answers (non-200 or a
 * GraphQL `errors` member) so that a fast error never passes for a fast answer.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  /** One body, or several picked at random per request (e.g. orders spread over many products). */
  bodies?: string[];
}

export interface LoadResult {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  failed: number;
}

const luaString = (text: string) => {
  if (text.includes(']==]')) throw new Error('body cannot go into a Lua long string');
  return `[==[${text}]==]`;
};

function script(request: LoadRequest): string {
  const bodies = request.bodies ?? [];
  const headers = Object.entries(request.headers ?? {}).map(([name, value]) => `wrk.headers[ ${luaString(name)} ] = ${luaString(value)}`);
  return `
wrk.method = "${request.method}"
wrk.path = ${luaString(request.path)}
${headers.join('\n')}
local bodies = { ${bodies.map(luaString).join(', ')} }
if #bodies == 1 then wrk.body = bodies[1] end
if #bodies > 1 then
  request = function() return wrk.format(nil, nil, nil, bodies[math.random(#bodies)]) end
end
failed = 0
response = function(status, headers, body)
  if status ~= 200 or body == nil or string.find(body, '"errors"', 1, true) then failed = failed + 1 end
end
local threads = {}
setup = function(thread) table.insert(threads, thread) end
done = function(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("failed") end
  local errors = summary.errors
  io.write(string.format('BENCH_RESULT {"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"failed":%d,"socketErrors":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), total,
    errors.connect + errors.read + errors.write + errors.timeout))
end
`;
}

/** Runs `clients` connections against `baseUrl` for `seconds`. */
export async function load(baseUrl: string, request: LoadRequest, clients: number, seconds: number): Promise<LoadResult> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-wrk-'));
  try {
    const file = path.join(dir, 'load.lua');
    await writeFile(file, script(request));
    const { stdout, stderr } = await promisify(execFile)(
      'wrk',
      ['-t1', `-c${clients}`, `-d${seconds}s`, '--timeout', '10s', '-s', file, baseUrl],
      {
        maxBuffer: 1 << 20,
      },
    );
    const line = /BENCH_RESULT (\{.*\})/.exec(stdout)?.[1];
    if (!line) throw new Error(`wrk said:\n${stdout}${stderr}`);
    const raw = JSON.parse(line) as {
      requests: number;
      durationUs: number;
      p50Us: number;
      p99Us: number;
      failed: number;
      socketErrors: number;
    };
    const secondsRun = raw.durationUs / 1e6;
    return {
      requests: raw.requests,
      seconds: secondsRun,
      requestsPerSecond: raw.requests / secondsRun,
      p50Ms: raw.p50Us / 1000,
      p99Ms: raw.p99Us / 1000,
      failed: raw.failed + raw.socketErrors,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
