/** Writes src/generated/schema.graphql and the Nexus typegen (`npm run generate`). */
import { buildSchema } from '../graphql/schema';

buildSchema({ shouldGenerateArtifacts: true });
