// nexus-prisma's generator settings (it reads this file with ts-node during `prisma generate`).
import path from 'node:path';
import { settings } from 'nexus-prisma/generator';

settings({
  // See src/db/prisma-with-dmmf.cjs: the client with the DMMF that the Rust-free client strips.
  prismaClientImportId: path.join(__dirname, '../src/db/prisma-with-dmmf.cjs'),
  // schema.prisma's /// comments are notes for engineers; the GraphQL descriptions come from the contract.
  docPropagation: { GraphQLDocs: false },
});
