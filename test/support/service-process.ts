import { spawn } from 'node:child_process';
import { freePort, waitForPort } from '../../src/ports';
import { projectRoot } from '../../src/project-root';
import { serviceEnvironment } from './server';

/** A log line as the service writes it: one JSON object. */
export type LogLine = Record<string, unknown> & { level: string; time: string; msg: string };

export interface ServiceProcess {
  url: string;
  /** Every stdout line so far, as written. */
  output(): string;
  lines(): LogLine[];
  /** Resolves with the first line (already written or still to come) that `matches`. */
  waitForLine(matches: (line: LogLine) => boolean): Promise<LogLine>;
  /** Sends a signal; `exited` says how it ended. */
  kill(signal: NodeJS.Signals): void;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  /** SIGTERM; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** `npm start`'s entry from source: node --import tsx, not the tsx or npx wrappers, so that signals reach the service itself. */
export const FROM_SOURCE = ['--import', 'tsx', 'src/main.ts'];

/**
 * Runs the service as a process of its own on `databaseUrl` (serviceEnvironment, with `env` over
 * it), from source or from a build (`entry`: node's arguments), and collects its stdout. Resolves
 * once it says it is ready; with LOG_LEVEL=silent it says nothing, so once its port accepts.
 */
export async function startServiceProcess(
  databaseUrl: string,
  env: NodeJS.ProcessEnv = {},
  entry: string[] = FROM_SOURCE,
): Promise<ServiceProcess> {
  const silent = env.LOG_LEVEL === 'silent';
  const port = silent ? String(await freePort()) : '0';
  const child = spawn(process.execPath, entry, { cwd: projectRoot, env: serviceEnvironment(databaseUrl, { PORT: port, ...env }) });
  let output = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  const parsed = () =>
    output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as LogLine);
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    for (const wake of waiters) wake();
  });
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const exitedFirst = exited.then((code) => Promise.reject(new Error(`the service exited (${code}) first:\n${output}\n${stderr}`)));
  exitedFirst.catch(() => {}); // what waits for the service sees it; after a stop nothing does

  const waitForLine = (matches: (line: LogLine) => boolean) =>
    new Promise<LogLine>((resolve, reject) => {
      const check = () => {
        const line = parsed().find(matches);
        if (line) {
          waiters.delete(check);
          resolve(line);
        }
      };
      waiters.add(check);
      exitedFirst.catch((error: unknown) => {
        waiters.delete(check);
        reject(error);
      });
      check();
    });

  let url = `http://127.0.0.1:${port}`;
  if (silent) await Promise.race([waitForPort(Number(port)), exitedFirst]);
  else url = new URL((await waitForLine((line) => typeof line.url === 'string' && line.msg.includes('ready at'))).url as string).origin;
  return {
    url,
    output: () => output,
    lines: parsed,
    waitForLine,
    kill: (signal) => void child.kill(signal),
    exited,
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
