import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { projectRoot } from '../../src/project-root';

/**
 * Runs one of the project's TypeScript commands (seed/cli.ts, src/cli/*.ts) as its npm script
 * does, minus npm: node --import tsx, from the project root. Rejects when it exits non-zero.
 */
export function runScript(script: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  return promisify(execFile)(process.execPath, ['--import', 'tsx', script, ...args], { cwd: projectRoot, env });
}
