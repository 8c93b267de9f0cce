// nexus-prisma's generator settings, loaded through prisma/nexus-prisma.ts (the only place
// nexus-prisma looks) with ts-node during `prisma generate`.
import path from 'node:path';
import { settings } from 'nexus-prisma/generator';

settings({
  // The client with the DMMF that the Rust-free client strips (prisma-client-with-dmmf.cjs).
  prismaClientImportId: path.join(__dirname, 'prisma-client-with-dmmf.cjs'),
  // schema.prisma's /// comments are notes for engineers; the GraphQL descriptions come from the contract.
  docPropagation: { GraphQLDocs: false },
});
