import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeSchema, mutationType, queryType } from 'nexus';
import * as connection from './connection';
import * as NodeTypes from './Node';
import * as OrderTypes from './Order';
import * as OrderItemTypes from './OrderItem';
import * as ProductTypes from './Product';
import * as ReportTypes from './Reports';
import * as scalars from './scalars';
import * as UserTypes from './User';

const generatedDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../generated');

const Query = queryType({
  definition(t) {
    t.nonNull.string('version', {
      description: 'The running service version (package.json).',
      resolve: () => process.env.npm_package_version ?? '0.1.0',
    });
  },
});

const Mutation = mutationType({ definition() {} });

/**
 * The executable schema. `shouldGenerateArtifacts` writes src/generated/schema.graphql and the
 * Nexus typegen; `npm run generate` does it and CI checks the committed files are current.
 */
export function buildSchema(options: { shouldGenerateArtifacts?: boolean } = {}) {
  return makeSchema({
    types: [Query, Mutation, scalars, connection, NodeTypes, UserTypes, ProductTypes, OrderTypes, OrderItemTypes, ReportTypes],
    sourceTypes: {
      modules: [{ module: path.join(generatedDir, 'prisma/index.d.ts'), alias: 'prisma' }],
    },
    shouldGenerateArtifacts: options.shouldGenerateArtifacts ?? false,
    outputs: {
      schema: path.join(generatedDir, 'schema.graphql'),
      typegen: path.join(generatedDir, 'nexus-typegen.ts'),
    },
    contextType: { module: path.join(path.dirname(fileURLToPath(import.meta.url)), 'context.ts'), export: 'Context' },
    nonNullDefaults: { output: false, input: false },
  });
}
