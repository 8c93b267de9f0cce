#!/usr/bin/env node
// `npm run generate:prisma`: runs `prisma generate` (client, DMMF, nexus-prisma) only when its
// inputs changed since the last run (or its outputs are missing, as on a fresh clone), so that
// `npm start`, `npm test` and the other scripts that run it first do not pay ~4 s each time.
'use strict';
const { createHash } = require('node:crypto');
const { execFileSync } = require('node:child_process');
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const inputs = [
  'prisma/schema.prisma',
  'prisma/nexus-prisma.ts',
  'prisma/toolchain/nexus-prisma-settings.ts',
  'prisma/toolchain/dmmf-generator.cjs',
  'package-lock.json',
];
const outputs = ['src/generated/prisma/index.js', 'src/generated/dmmf.json', 'node_modules/.nexus-prisma/index.js'];
const stamp = path.join(root, 'src/generated/prisma/.inputs-sha256');

// The root is part of the inputs: nexus-prisma's output holds absolute paths.
const hash = createHash('sha256').update(root);
for (const input of inputs) hash.update(readFileSync(path.join(root, input)));
const digest = hash.digest('hex');

const current =
  outputs.every((output) => existsSync(path.join(root, output))) && existsSync(stamp) && readFileSync(stamp, 'utf8') === digest;
if (!current || process.argv.includes('--force')) {
  try {
    execFileSync(process.execPath, [require.resolve('prisma/build/index.js'), 'generate', '--no-hints'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        // Generators such as nexus-prisma are found on PATH, as under `npm run`.
        PATH: `${path.join(root, 'node_modules/.bin')}${path.delimiter}${process.env.PATH}`,
        // The CLI wants some DATABASE_URL to generate, though it never connects (README.md here).
        DATABASE_URL: process.env.DATABASE_URL || 'postgresql://generate-only@localhost/unused',
        CHECKPOINT_DISABLE: '1',
      },
    });
  } catch {
    process.exit(1); // prisma has said why on stderr
  }
  writeFileSync(stamp, digest);
}
