/**
 * The README's commands, run as a newcomer runs them: every line of its ```sh blocks, in the
 * order shown, through `sh -c`, against databases of this file's own; each must exit 0.
 *
 * The `npm run db:*` lines run in a fresh clone: the repository's tracked (and new, unignored)
 * files copied to a temporary directory, so no generated Prisma client, no DMMF, no `.data/`,
 * with node_modules linked to this checkout's (an `npm ci` per run would take minutes). This is
 * sound only for commands that write nothing into node_modules: `db:*` runs no generator
 * (`migrate dev` is given `--skip-generate`; generating is what every other script does first,
 * and `.ci/run` does that on a real clean clone). The other lines run in this checkout, where
 * the client is generated (by `npm test`'s first step), on a database in the state `npm start`
 * leaves: migrated and seeded.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/project-root';
import { serviceEnvironment } from '../support/server';
import { createDatabase } from '../support/database';

const execFileAsync = promisify(execFile);

/** The README's shell commands, in order: `\` continuations joined, trailing `# comments` cut. */
function readmeCommands(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
  return blocks.flatMap((block) =>
    block
      .replace(/\\\n\s*/g, ' ')
      .split('\n')
      .map(withoutComment)
      .filter((line) => line !== ''),
  );
}

function withoutComment(line: string): string {
  let quote: string | undefined;
  for (let index = 0; index < line.length; index++) {
    const character = line[index]!;
    if (quote) {
      if (character === quote) quote = undefined;
    } else if (character === "'" || character === '"') {
      quote = character;
    } else if (character === '#' && (index === 0 || /\s/.test(line[index - 1]!))) {
      return line.slice(0, index).trim();
    }
  }
  return line.trim();
}

type Plan = { where: 'fresh clone'; extraArgs?: string } | { where: 'checkout' } | { skip: string };

/** How each README command is run; a command this list does not know fails the test. */
const PLANS: [RegExp, Plan][] = [
  [
    /^npm ci && npm start$/,
    {
      skip:
        '`npm ci` would reinstall the node_modules every test shares; `npm start` serves until stopped: ' +
        "its start, migration, readiness and clean stop are test/integration/commands.test.ts, on this suite's install",
    },
  ],
  [/^npm test$/, { skip: 'it is the suite running this test' }],
  [
    /^curl /,
    {
      skip:
        'needs `npm start` listening on port 4000, which a shared machine cannot promise; the same token ' +
        'reading `me` over HTTP is test/integration/commands.test.ts',
    },
  ],
  [
    /^npm run seed /,
    {
      skip:
        'its 100,000 orders take 8-40 s; the seed CLI with small flags is test/integration/commands.test.ts ' +
        '(and this file seeds with it), the data set is test/integration/seed.test.ts',
    },
  ],
  // migrate dev would write the client and node_modules/.nexus-prisma, shared with the other test files.
  [/^npm run db:migrate /, { where: 'fresh clone', extraArgs: ' --skip-generate' }],
  [/^npm run db:(deploy|status)$/, { where: 'fresh clone' }],
  [/^TOKEN=\$\(npm run --silent token -- /, { where: 'checkout' }],
  [/^npm run report -- /, { where: 'checkout' }],
  [
    /^JWT_SECRET=.* docker compose up --build$/,
    {
      skip:
        'no Docker engine on these machines; the image and Compose files are checked by reading, and what the ' +
        'image runs (node dist/main.js, migrate deploy) is test/integration/build.test.ts and migrations.test.ts',
    },
  ],
  [
    /^npm ci && npm run build$/,
    {
      skip:
        '`npm ci` would reinstall the shared node_modules; the build is test/integration/build.test.ts (server) ' +
        'and test/support/lambda.ts (the Lambda bundle the Lambda tests load)',
    },
  ],
  [
    /^(mkdir -p build\/lambda|cd build\/lambda) /,
    {
      skip:
        'packaging the Lambda handler: test/support/lambda.ts packages this same layout (lambda.mjs, the query ' +
        'compiler and schema.prisma, outside the repository) and the Lambda tests run it as Lambda does',
    },
  ],
];

function planFor(command: string): Plan {
  const found = PLANS.find(([pattern]) => pattern.test(command));
  if (!found) throw new Error(`the README shows a command this test does not know: ${command}`);
  return found[1];
}

const commands = readmeCommands(await readFile(path.join(projectRoot, 'README.md'), 'utf8'));
let seeded: Awaited<ReturnType<typeof createDatabase>>;
let empty: Awaited<ReturnType<typeof createDatabase>>;
let clone: string;

async function run(command: string, cwd: string, databaseUrl: string) {
  const env = serviceEnvironment(databaseUrl);
  try {
    const { stdout } = await execFileAsync('sh', ['-c', command], { cwd, env, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: `${failed.stdout ?? ''}\n${failed.stderr ?? ''}` };
  }
}

/** A copy of what a clone holds (no ignored files), with this checkout's node_modules linked in. */
async function freshClone(): Promise<string> {
  const { stdout } = await execFileAsync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: projectRoot });
  const directory = await mkdtemp(path.join(tmpdir(), 'order-service-clone-'));
  const files = stdout.split('\0').filter((file) => file !== '' && existsSync(path.join(projectRoot, file)));
  await Promise.all(files.map((file) => cp(path.join(projectRoot, file), path.join(directory, file))));
  await symlink(path.join(projectRoot, 'node_modules'), path.join(directory, 'node_modules'), 'dir');
  return directory;
}

beforeAll(async () => {
  [seeded, empty, clone] = await Promise.all([createDatabase({ migrated: true }), createDatabase({ migrated: false }), freshClone()]);
  const seed = await run('npx tsx seed/cli.ts --users 5 --products 4 --orders 30 --seed 7', projectRoot, seeded.url);
  expect(seed.stdout).toContain('seeded');
}, 120_000);
afterAll(async () => {
  await Promise.all([seeded?.drop(), empty?.drop(), clone && rm(clone, { recursive: true, force: true })]);
});

// Real commands in child processes: seconds on an idle machine, minutes on a busy one; the bound catches hangs.
describe("the README's commands", { timeout: 180_000 }, () => {
  it('are all known to this test (a new one must say here how it is run or why not)', () => {
    expect(commands.length).toBeGreaterThan(5);
    for (const command of commands) planFor(command);
  });

  // Concurrent: each is a few CLI runs of a few seconds, on databases of their own or read-only.
  it.concurrent(
    'npm run db:deploy on a fresh clone (no generated code) applies every migration to an empty database',
    async ({ expect }) => {
      expect(existsSync(path.join(clone, 'src/generated/prisma'))).toBe(false);
      const deploy = await run('npm run db:deploy', clone, empty.url);
      expect(deploy.stdout).toContain('All migrations have been successfully applied');
      expect(deploy.code).toBe(0);
    },
    120_000,
  );

  it.concurrent(
    'npm run db:* on a fresh clone, in the order shown, after npm start has migrated (migrate dev finds nothing to do)',
    async ({ expect }) => {
      const migrations = await readdir(path.join(clone, 'prisma/migrations'));
      for (const command of commands) {
        const plan = planFor(command);
        if (!('where' in plan) || plan.where !== 'fresh clone') continue;
        const result = await run(command + (plan.extraArgs ?? ''), clone, seeded.url);
        expect(result, command).toMatchObject({ code: 0 });
      }
      // The schema matches the migrations: `migrate dev --name add_something` created none.
      expect(await readdir(path.join(clone, 'prisma/migrations'))).toEqual(migrations);
      expect(existsSync(path.join(clone, 'src/generated/prisma'))).toBe(false);
    },
    180_000,
  );

  it.concurrent(
    'the other commands, in this checkout, on a migrated and seeded database, in the order shown',
    async ({ expect }) => {
      for (const command of commands) {
        const plan = planFor(command);
        if (!('where' in plan) || plan.where !== 'checkout') continue;
        const result = await run(command, projectRoot, seeded.url);
        expect(result, command).toMatchObject({ code: 0 });
      }
    },
    180_000,
  );
});
