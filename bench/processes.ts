/** The servers under test run as processes of their own: started, probed and measured here. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../src/ports';
import { BENCH_JWT_SECRET } from './support';

export interface ServerProcess {
  url: string;
  pid: number;
  /** Peak resident memory since start (VmHWM), in MB. */
  peakRssMb(): number;
  /** CPU time (user + system) used so far, in ms: on a shared machine, steadier than wall time. */
  cpuMs(): number;
  stop(): Promise<void>;
}

export interface Command {
  argv: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

function launch(command: Command, port: number): { child: ChildProcess; output: () => string } {
  const child = spawn(command.argv[0]!, command.argv.slice(1), {
    cwd: command.cwd,
    env: { ...command.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  return { child, output: () => stderr };
}

/** Resolves once `probe` answers 200; fails if the process exits first. */
async function answered(child: ChildProcess, output: () => string, probe: () => Promise<Response>, pollMs: number): Promise<void> {
  let exited = false;
  child.once('exit', () => (exited = true));
  for (;;) {
    if (exited) throw new Error(`server exited before answering:\n${output()}`);
    try {
      const response = await probe();
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

async function stopped(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** A memory field of /proc/<pid>/status, in MB. */
function procStatus(pid: number, field: 'VmHWM'): number {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) / 1024;
}

/** CPU time (user + system) a process has used so far, in ms; 0 when it is gone or not ours to read. */
export function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in USER_HZ (100)
  } catch {
    return 0;
  }
}

/**
 * The service as the benches run it: `service` is a command line ("node dist/main.js", or from
 * source), with node's own flags (`nodeFlags`, e.g. --cpu-prof) put before its arguments.
 */
export function serviceCommand(
  service: string,
  cwd: string,
  databaseUrl: string,
  nodeFlags: string[] = [],
  env: NodeJS.ProcessEnv = {},
): Command {
  const [program, ...args] = service.split(' ');
  return {
    argv: [program === 'node' ? process.execPath : program!, ...nodeFlags, ...args],
    cwd: path.resolve(cwd),
    env: { ...process.env, NODE_ENV: 'production', JWT_SECRET: BENCH_JWT_SECRET, DATABASE_URL: databaseUrl, ...env },
  };
}

export async function startServer(command: Command, readyPath: string): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { child, output } = launch(command, port);
  await answered(child, output, () => fetch(`${url}${readyPath}`), 50);
  return {
    url,
    pid: child.pid!,
    peakRssMb: () => procStatus(child.pid!, 'VmHWM'),
    cpuMs: () => cpuMs(child.pid!),
    stop: () => stopped(child),
  };
}

/** Launch to first GraphQL answer (`{ __typename }`), wall and CPU time, in ms. */
export async function coldStart(command: Command): Promise<{ wallMs: number; cpuMs: number }> {
  const port = await freePort();
  const started = performance.now();
  const { child, output } = launch(command, port);
  const probe = () =>
    fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    });
  try {
    await answered(child, output, probe, 5);
    return { wallMs: performance.now() - started, cpuMs: cpuMs(child.pid!) };
  } finally {
    await stopped(child);
  }
}
