// The generated Prisma client with `Prisma.dmmf` restored, for nexus-prisma only
// (prisma/nexus-prisma.ts points it here). Why: the Rust-free client (engineType = "client")
// strips the DMMF nexus-prisma reads (prisma/orm#28348); without it every field comes out
// nullable and enums fail. The `dmmf` generator in schema.prisma writes the full datamodel.
'use strict';
const client = require('../generated/prisma');
const dmmf = require('../generated/dmmf.json');

module.exports = { ...client, Prisma: Object.create(client.Prisma, { dmmf: { value: dmmf, enumerable: true } }) };
