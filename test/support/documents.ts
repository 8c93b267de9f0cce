import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { astFromValue, GraphQLInt, Kind, print, visit, type DocumentNode, type OperationDefinitionNode } from 'graphql';

/** The document with its Int variables written as literals, and no variable definitions. */
export function inlineVariables(document: DocumentNode, variables: Record<string, number>): string {
  return print(
    visit(document, {
      [Kind.VARIABLE_DEFINITION]: () => null,
      [Kind.VARIABLE]: (node) => astFromValue(variables[node.name.value] ?? null, GraphQLInt),
    }),
  );
}

/**
 * One query made of aliased copies of an operation's one root field (`a0: ...`, `a1: ...`), copy i
 * with `copies[i]` as its variables: written as literals, or as variables of its own (`$first1`).
 */
export function aliasedCopies<TVariables extends Record<string, number>>(
  document: TypedDocumentNode<unknown, TVariables>,
  copies: TVariables[],
  as: 'literals' | 'variables',
): { query: string; variables: Record<string, number> } {
  const definitions: string[] = [];
  const fields: string[] = [];
  const variables: Record<string, number> = {};
  copies.forEach((values, index) => {
    const renamed = visit(document, {
      [Kind.VARIABLE]: (node) => ({ ...node, name: { ...node.name, value: `${node.name.value}${index}` } }),
    });
    const operation = renamed.definitions.find(
      (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
    )!;
    if (operation.selectionSet.selections.length !== 1) throw new Error('aliasedCopies copies operations with one root field');
    for (const [name, value] of Object.entries(values)) variables[`${name}${index}`] = value;
    const printed = as === 'literals' ? inlineVariables({ ...renamed, definitions: [operation] }, variables) : print(operation);
    if (as === 'variables') definitions.push(...(operation.variableDefinitions ?? []).map((definition) => print(definition)));
    const body = printed.slice(printed.indexOf('{') + 1, printed.lastIndexOf('}')).trim();
    fields.push(`a${index}: ${body}`);
  });
  const header = definitions.length > 0 ? `query (${definitions.join(', ')}) ` : '';
  return { query: `${header}{\n${fields.join('\n')}\n}`, variables: as === 'variables' ? variables : {} };
}
