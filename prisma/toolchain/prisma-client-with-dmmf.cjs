// The generated Prisma client with `Prisma.dmmf` restored, for nexus-prisma only
// (nexus-prisma-settings.ts points it here). Why: the Rust-free client (engineType = "client")
// strips the DMMF nexus-prisma reads (prisma/orm#28348); without it every field comes out
// nullable and enums fail. The `dmmf` generator (dmmf-generator.cjs) writes the full datamodel.
'use strict';
const client = require('../../src/generated/prisma');
const dmmf = require('../../src/generated/dmmf.json');

module.exports = { ...client, Prisma: Object.create(client.Prisma, { dmmf: { value: dmmf, enumerable: true } }) };
