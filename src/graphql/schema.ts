import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeSchema, queryType } from 'nexus';

const generatedDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../generated');

const Query = queryType({
  definition(t) {
    t.nonNull.string('version', {
      description: 'The running service version (package.json).',
      resolve: () => process.env.npm_package_version ?? '0.1.0',
    });
  },
});

/**
 * The executable schema. `shouldGenerateArtifacts` writes src/generated/schema.graphql and the
 * Nexus typegen; `npm run generate` does it and CI checks the committed files are current.
 */
export function buildSchema(options: { shouldGenerateArtifacts?: boolean } = {}) {
  return makeSchema({
    types: [Query],
    shouldGenerateArtifacts: options.shouldGenerateArtifacts ?? false,
    outputs: {
      schema: path.join(generatedDir, 'schema.graphql'),
      typegen: path.join(generatedDir, 'nexus-typegen.ts'),
    },
    contextType: { module: path.join(path.dirname(fileURLToPath(import.meta.url)), 'context.ts'), export: 'Context' },
  });
}
