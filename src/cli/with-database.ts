/**
 * Runs a command with DATABASE_URL set: the given one, or the embedded PostgreSQL's (started
 * for the command and stopped after). `npm run db:migrate` and friends go through it.
 */
import { spawn } from 'node:child_process';
import { loadConfig } from '../config';
import { locateDatabase } from '../db/locate';
import { runCommand } from './command';
import { prismaCliEnvironment } from '../../prisma/toolchain/prisma-cli';

async function main() {
  const [command, ...args] = process.argv.slice(2);
  if (!command) throw new Error('usage: with-database <command> [args...]');
  const location = await locateDatabase(loadConfig());
  const child = spawn(command, args, {
    stdio: 'inherit',
    env: prismaCliEnvironment(location.url, location.directUrl),
  });
  const code = await new Promise<number>((resolve) => child.on('exit', (exitCode) => resolve(exitCode ?? 1)));
  await location.stop();
  process.exitCode = code;
}

runCommand(main);
