/**
 * Running Prisma's CLI offline: where it is, and the environment every run needs
 * (see README.md here for what each setting works around).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { projectRoot } from '../../src/project-root';

/** The CLI's entry point, run with `node` (npx would look for updates). */
export const prismaCli = createRequire(path.join(projectRoot, 'package.json')).resolve('prisma/build/index.js');

/** Environment for the Prisma CLI on `url` (migrations on `directUrl`, which bypasses a pooler). */
export function prismaCliEnvironment(url: string, directUrl = url): NodeJS.ProcessEnv {
  const preload = `--require=${path.join(projectRoot, 'prisma/toolchain/unref-advisory-lock-timer.cjs')}`;
  return {
    ...process.env,
    DATABASE_URL: url,
    DIRECT_DATABASE_URL: directUrl,
    // No update or telemetry checks: they fail offline, slowly.
    CHECKPOINT_DISABLE: '1',
    NODE_OPTIONS: [process.env.NODE_OPTIONS, preload].filter(Boolean).join(' '),
  };
}
