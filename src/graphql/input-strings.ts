/**
 * Strings PostgreSQL cannot store are refused at the edge, wherever they are (variables or
 * literals), as BAD_USER_INPUT before anything runs: a NUL character (text cannot hold it) or an
 * unpaired surrogate (no UTF-8 encoding; the driver would silently store U+FFFD instead).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql';
import { isStorableText } from '../services/validation';

/** Where the first unstorable string in the variables is (`variables.input.items[0].productId`). */
export function unstorableVariable(variables: Record<string, unknown> | undefined): string | undefined {
  // Iterative: variables are client JSON and may nest deeper than the call stack allows.
  const pending: [unknown, string][] = [[variables, 'variables']];
  while (pending.length > 0) {
    const [value, path] = pending.pop()!;
    if (typeof value === 'string') {
      if (!isStorableText(value)) return path;
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => pending.push([item, `${path}[${index}]`]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) pending.push([item, `${path}.${key}`]);
    }
  }
  return undefined;
}

/** Apollo reuses a parsed document for every request that sends the same query text. */
const literalsChecked = new WeakMap<DocumentNode, string | undefined>();

/** Where the first unstorable string literal of the document is (`the string at 3:14`). */
export function unstorableLiteral(document: DocumentNode): string | undefined {
  if (literalsChecked.has(document)) return literalsChecked.get(document);
  let found: string | undefined;
  visit(document, {
    [Kind.STRING](node) {
      if (found === undefined && !isStorableText(node.value)) {
        found = node.loc ? `the string at ${node.loc.startToken.line}:${node.loc.startToken.column}` : 'a string literal';
      }
    },
  });
  literalsChecked.set(document, found);
  return found;
}

export const storableStringsPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request, document }) {
        const where = unstorableVariable(request.variables) ?? unstorableLiteral(document);
        if (where === undefined) return;
        throw new GraphQLError(
          `${where} contains a NUL character or an unpaired surrogate, which cannot be stored; send text without U+0000.`,
          {
            extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
          },
        );
      },
    };
  },
};
