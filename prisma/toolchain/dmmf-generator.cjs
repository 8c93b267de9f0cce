#!/usr/bin/env node
// A Prisma generator that writes the datamodel DMMF to a JSON file.
// Why: the Rust-free client (engineType = "client") strips Prisma.dmmf, which nexus-prisma
// reads at run time (prisma/orm#28348). prisma-client-with-dmmf.cjs puts it back from this file.
const { generatorHandler } = require('@prisma/generator-helper');
const { mkdirSync, writeFileSync } = require('node:fs');
const { dirname } = require('node:path');

generatorHandler({
  onManifest: () => ({ prettyName: 'DMMF for nexus-prisma', defaultOutput: '../src/generated/dmmf.json' }),
  onGenerate: async (options) => {
    const file = options.generator.output.value;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ datamodel: options.dmmf.datamodel }));
  },
});
