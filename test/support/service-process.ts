import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

/** A log line as the service writes it: one JSON object. */
export type LogLine = Record<string, unknown> & { level: string; time: string; msg: string };

export interface ServiceProcess {
  url: string;
  /** Every stdout line so far, as written. */
  output(): string;
  lines(): LogLine[];
  /** Resolves with the first line (already written or still to come) that `matches`. */
  waitForLine(matches: (line: LogLine) => boolean): Promise<LogLine>;
  /** SIGTERM; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Runs `src/main.ts` as `npm start` does (node --import tsx, so that signals reach the service
 * itself) with `env`, and collects its stdout. Resolves once it says it is ready.
 */
export async function startServiceProcess(env: NodeJS.ProcessEnv): Promise<ServiceProcess> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, PORT: '0', ...env },
  });
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
      void exited.then((code) => {
        waiters.delete(check);
        reject(new Error(`the service exited (${code}) first:\n${output}\n${stderr}`));
      });
      check();
    });

  const ready = await waitForLine((line) => typeof line.url === 'string' && line.msg.includes('ready at'));
  return {
    url: new URL(ready.url as string).origin,
    output: () => output,
    lines: parsed,
    waitForLine,
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
