/**
 * Hostile requests for the fuzz test (test/integration/fuzz.test.ts), as fast-check arbitraries.
 * None of them may change the database: queries go with any token; mutations only without a
 * valid token, or with one and an input that is invalid by construction (a poison: a quantity out
 * of range, an ID of nothing, a key with NUL, ...).
 */
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { Kind, print, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import * as documents from '../generated/graphql';
import { toGlobalId } from '../../src/graphql/global-id';
import { handMadeToken } from './server';

export interface FuzzRequest {
  kind: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** For GET: the query string. */
  search?: string;
}

export interface FuzzTokens {
  valid: string[];
  admin: string;
  alice: string;
  /** Alice's own global ID (she may update herself). */
  aliceId: string;
  secret: string;
}

const operationOf = (document: DocumentNode) =>
  document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
/** The tests' operations (test/operations), fragments included. */
const operations = Object.values(documents).filter(
  (value): value is DocumentNode =>
    (value as DocumentNode | undefined)?.kind === Kind.DOCUMENT && operationOf(value as DocumentNode) !== undefined,
);
const queries = operations.filter((document) => operationOf(document)!.operation === 'query');
const mutations = operations.filter((document) => operationOf(document)!.operation === 'mutation');
const variableNames = (document: DocumentNode) =>
  (operationOf(document)!.variableDefinitions ?? []).map((definition) => definition.variable.name.value);

const INT_EDGES = [2_147_483_647, 2_147_483_648, -2_147_483_648, -2_147_483_649, 0, -1, 1e308, 0.5, Number.MAX_SAFE_INTEGER, 2 ** 53 + 1];
const ODD_STRINGS = [
  '',
  ' ',
  'a\u0000b',
  '\u0000',
  'a\ud800',
  '\udfff',
  '\ud83d\ude00',
  '\u202e\u0041',
  '%_\\',
  "'; DROP TABLE orders; --",
  '\r\n\t',
  '\uffff\ufffe',
  'Ω≈ç√'.repeat(300),
];
const JSON_SHAPES = [
  'null',
  '"x"',
  '42',
  'true',
  '[]',
  '[1,2]',
  '{}',
  '{"query":null}',
  '{"query":{}}',
  '{"query":"{ version }","variables":[]}',
  '{"query":"{ version }","operationName":7}',
  '{"query":"{ version }","extensions":"x"}',
];
const INSERTS = [
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ':',
  '$',
  '@',
  '...',
  '"',
  '"""',
  '!',
  '=',
  ',',
  '#',
  '\\u0000',
  '\u0000',
  '\ud800',
  '\u00e9',
  'first: 100',
  'on',
  'fragment',
  'query',
  'mutation',
  'subscription',
  '__typename',
  '__schema',
  '999999999999',
  '-1',
  'null',
];

const int = fc.oneof(fc.constantFrom(...INT_EDGES), fc.integer(), fc.double());
const oddString = fc.oneof(
  { weight: 16, arbitrary: fc.constantFrom(...ODD_STRINGS) },
  { weight: 16, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 8, arbitrary: fc.string({ maxLength: 40 }) },
  // Near 1 MB (the body limit; some become 413s): a few of them, they are slow to send and echo.
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(1_000_000), 'é'.repeat(300_000), '\u0000'.repeat(100_000)) },
);

/** IDs of nothing: malformed, of another type, or of rows that do not exist. Never a live row of the right type. */
const forgedId = fc.oneof(
  fc.constantFrom('', 'Product:1', 'UHJvZHVjdDox=', 'UHJvZHVjdDox ', 'a\u0000b', '\ud800'),
  fc
    .constantFrom('Product', 'User', 'Order', 'OrderItem', 'Nothing')
    .chain((type) =>
      fc
        .constantFrom(
          `${type}:0`,
          `${type}:-1`,
          `${type}:01`,
          `${type}:1e3`,
          `${type}:2147483648`,
          `${type}:99999999999`,
          `${type}:1 `,
          `${type}:\u00001`,
        )
        .map((text) => Buffer.from(text).toString('base64url')),
    ),
  fc
    .integer({ min: 1_000_000, max: 2_147_483_647 })
    .chain((id) => fc.constantFrom('Product', 'User', 'Order', 'OrderItem').map((type) => toGlobalId(type as 'Product', id))),
  fc.string({ unit: 'binary-ascii', maxLength: 30 }),
);
/** An ID of a real row, for reads only (maybe of the wrong type for where it goes). */
const realId = fc
  .tuple(fc.constantFrom('Product', 'User', 'Order', 'OrderItem'), fc.integer({ min: 1, max: 40 }))
  .map(([type, id]) => toGlobalId(type as 'Product', id));

const cursor = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('products:NAME:ASC', 'products:PRICE:DESC', 'products:CREATED_AT:ASC', 'orders', 'users', 'nothing', ''),
      fc.oneof(fc.constant(null), int, oddString, fc.constantFrom('2026-13-45T99:00:00Z', 'not a date', '1e999', '-0')),
      fc.oneof(int, fc.constant(-5)),
    )
    .map(([order, key, id]) => Buffer.from(JSON.stringify([order, key, id])).toString('base64url')),
  fc.jsonValue().map((value) => Buffer.from(JSON.stringify(value) ?? '').toString('base64url')),
  oddString,
);

/** Any hostile variable value, the right type or not. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  int,
  oddString,
  forgedId,
  realId,
  cursor,
  fc.constantFrom(null, true, [], {}, [[[[]]]], { field: 'NAME', direction: 'SIDEWAYS' }, { search: '\u0000' }, { status: 'LOST' }),
  fc.jsonValue({ maxDepth: 3 }),
);

const tokenHeader = (tokens: FuzzTokens): fc.Arbitrary<Record<string, string>> =>
  fc
    .oneof(
      // Mostly no token or a valid one, so that most requests get past authentication.
      { weight: 3, arbitrary: fc.constant(undefined) },
      { weight: 4, arbitrary: fc.constantFrom(...tokens.valid).map((token) => `Bearer ${token}`) },
      {
        weight: 1,
        arbitrary: fc.oneof(
          // Printable ASCII only: fetch refuses to send anything else in a header.
          fc.string({ unit: 'binary-ascii', maxLength: 60 }).map((text) => text.replace(/[^\x20-\x7e]/g, ' ')),
          fc.constantFrom(
            'Bearer',
            'Bearer ',
            'Basic YWRtaW46YWRtaW4=',
            'bearer x.y.z',
            `Bearer ${tokens.admin}x`,
            `Bearer ${tokens.admin.split('.').slice(0, 2).join('.')}.`,
          ),
          fc.constantFrom('none', 'other-secret', 'expired', 'no-user', 'product-sub').map((how) => `forged:${how}`),
        ),
      },
    )
    .map((authorization): Record<string, string> => (authorization === undefined ? {} : { authorization }));

/** Resolves the `forged:` tokens (signing is async), leaves the rest. */
export async function resolveForgedToken(headers: Record<string, string>, tokens: FuzzTokens): Promise<Record<string, string>> {
  const how = headers.authorization?.startsWith('forged:') ? headers.authorization.slice('forged:'.length) : undefined;
  if (!how) return headers;
  const now = Math.floor(Date.now() / 1000);
  const sign = (sub: string, exp: number, secret: string) => handMadeToken({ sub, exp }, secret);
  const token = {
    none: async () =>
      `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: toGlobalId('User', 1), exp: now + 999 })).toString('base64url')}.`,
    'other-secret': () => sign(toGlobalId('User', 1), now + 3600, 'not-the-secret'),
    expired: () => sign(toGlobalId('User', 1), now - 60, tokens.secret),
    'no-user': () => sign(toGlobalId('User', 999_999), now + 3600, tokens.secret),
    'product-sub': () => sign(toGlobalId('Product', 1), now + 3600, tokens.secret),
  }[how]!;
  return { ...headers, authorization: `Bearer ${await token()}` };
}

const json = (body: unknown, headers: Record<string, string>, kind: string): FuzzRequest => ({
  kind,
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/** One of `corpus` with 1-3 random edits: deletions, inserted tokens, duplicated slices. */
const mutatedDocument = (corpus: DocumentNode[]) =>
  fc
    .tuple(
      fc.constantFrom(...corpus.map((document) => print(document))),
      fc.array(
        fc.tuple(
          fc.constantFrom('delete', 'insert', 'duplicate', 'replace'),
          fc.nat(),
          fc.nat({ max: 30 }),
          fc.constantFrom(...INSERTS),
          fc.string({ unit: 'binary', maxLength: 3 }),
        ),
        { minLength: 1, maxLength: 3 },
      ),
    )
    .map(([text, edits]) =>
      edits.reduce((document, [edit, at, length, token, characters]) => {
        const position = at % (document.length + 1);
        if (edit === 'delete') return document.slice(0, position) + document.slice(position + length);
        if (edit === 'insert') return document.slice(0, position) + token + document.slice(position);
        if (edit === 'replace') return document.slice(0, position) + characters + document.slice(position + characters.length);
        return document.slice(0, position) + document.slice(position, position + length).repeat(3) + document.slice(position);
      }, text),
    );

function variablesFor(document: DocumentNode): fc.Arbitrary<Record<string, unknown>> {
  const names = variableNames(document);
  return fc.tuple(...names.map(() => anyValue)).map((values) => Object.fromEntries(names.map((name, index) => [name, values[index]])));
}

/** Mutations with a valid token whose input is invalid by construction: each carries a poison. */
function poisonedMutation(tokens: FuzzTokens): fc.Arbitrary<FuzzRequest> {
  const badQuantity = fc.constantFrom(0, -1, 10_001, 2_147_483_647, -2_147_483_648);
  const badKey = fc.constantFrom('a\u0000', '\ud800', 'k'.repeat(256), '');
  const line = (productId: fc.Arbitrary<string>, quantity: fc.Arbitrary<number>) => fc.record({ productId, quantity });
  const placeOrder = fc
    .oneof(
      fc.record({ items: fc.array(line(realId, badQuantity), { minLength: 1, maxLength: 3 }) }),
      fc.record({ items: fc.array(line(forgedId, fc.integer({ min: 1, max: 3 })), { minLength: 1, maxLength: 3 }) }),
      fc.record({ items: fc.array(line(realId, fc.integer({ min: 1, max: 3 })), { minLength: 1, maxLength: 2 }), idempotencyKey: badKey }),
      fc.record({ items: fc.constant([]) }),
    )
    .map((input) => ({ query: print(documents.PlaceOrderDocument), variables: { input }, token: tokens.alice }));
  const updateUser = fc
    .oneof(
      fc.record({ email: fc.constantFrom('', 'no-at-sign', 'a\u0000@example.com', `${'a'.repeat(300)}@example.com`, '\ud800@x.io') }),
      fc.record({ name: fc.constantFrom('', '   ', 'n'.repeat(201), 'a\u0000b') }),
    )
    .map((input) => ({ query: print(documents.UpdateUserDocument), variables: { id: tokens.aliceId, input }, token: tokens.alice }));
  const createProduct = fc
    .oneof(
      fc.record({
        sku: fc.constantFrom('', 'a', 'SKU\u0000', 'S'.repeat(65), 'HAS SPACE'),
        name: fc.constant('Fuzz'),
        price: fc.constant('1.00'),
      }),
      fc.record({
        sku: fc.constant('FUZZ-1'),
        name: fc.constant('Fuzz'),
        price: fc.constantFrom('0', '-1', '1.001', '99999999999', 'NaN', 'abc', ''),
      }),
      fc.record({
        sku: fc.constant('FUZZ-2'),
        name: fc.constant('Fuzz'),
        price: fc.constant('1.00'),
        stock: fc.constantFrom(-1, -2_147_483_648),
      }),
    )
    .map((input) => ({ query: print(documents.CreateProductDocument), variables: { input }, token: tokens.admin }));
  const byForgedId = fc
    .tuple(
      fc.constantFrom(
        documents.CancelOrderDocument,
        documents.DeleteProductDocument,
        documents.DeleteUserDocument,
        documents.UpdateOrderStatusDocument,
      ),
      forgedId,
    )
    .map(([document, id]) => ({ query: print(document), variables: { id, status: 'PAID' }, token: tokens.admin }));
  const restock = fc
    .oneof(
      fc.record({ id: forgedId, quantity: fc.integer({ min: 1, max: 5 }) }),
      fc.record({ id: realId, quantity: fc.constantFrom(0, -1, -2_147_483_648) }),
    )
    .map((variables) => ({ query: print(documents.RestockProductDocument), variables, token: tokens.admin }));
  return fc
    .oneof(placeOrder, updateUser, createProduct, byForgedId, restock)
    .map(({ query, variables, token }) => json({ query, variables }, { authorization: `Bearer ${token}` }, 'poisoned mutation'));
}

/** Bodies that are not a GraphQL request, with any media type or encoding. */
const notGraphQL: fc.Arbitrary<FuzzRequest> = fc
  .tuple(
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.uint8Array({ maxLength: 80 }),
      fc.constantFrom(...JSON_SHAPES),
      fc
        .constantFrom(...operations.map((document) => JSON.stringify({ query: print(document) })))
        .chain((text) => fc.nat({ max: text.length - 1 }).map((cut) => text.slice(0, cut))),
      fc.constant('{"query":"query($n:Int){products(first:$n){totalCount}}","variables":{"n":1e400}}'),
      fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value) ?? 'undefined'),
    ),
    fc.constantFrom(
      'application/json',
      'application/json; charset=utf-16',
      'application/json; charset=latin1',
      'text/plain',
      'application/graphql',
      '',
      'application/x-www-form-urlencoded',
    ),
    fc.constantFrom(undefined, 'gzip', 'deflate', 'br', 'compress', 'gzip, gzip'),
    fc.boolean(),
  )
  .map(([body, type, encoding, compress]) => {
    const gzipped = encoding === 'gzip' && compress ? gzipSync(body) : body;
    return {
      kind: 'not a GraphQL request',
      method: 'POST',
      headers: { ...(type ? { 'content-type': type } : {}), ...(encoding ? { 'content-encoding': encoding } : {}) },
      body: gzipped,
    };
  });

/** Every kind of hostile request, weighted. */
export function fuzzRequest(tokens: FuzzTokens): fc.Arbitrary<FuzzRequest> {
  const anyToken = tokenHeader(tokens);
  // Mutations go without a valid token; queries (read-only) with any.
  const mutationToken = anyToken.filter((headers) => !tokens.valid.some((token) => headers.authorization === `Bearer ${token}`));
  const someVariables = fc.oneof(fc.constant(undefined), fc.dictionary(fc.string({ maxLength: 8 }), anyValue, { maxKeys: 3 }));
  const mutatedQuery = fc
    .oneof(fc.tuple(mutatedDocument(queries), someVariables, anyToken), fc.tuple(mutatedDocument(mutations), someVariables, mutationToken))
    .map(([query, variables, headers]) => json({ query, variables }, headers, 'mutated document'));
  const wrongVariables = fc
    .tuple(fc.constantFrom(...queries, ...mutations), anyToken)
    .chain(([document, headers]) => variablesFor(document).map((variables) => ({ document, variables, headers })))
    .filter(
      ({ document, headers }) =>
        operationOf(document)!.operation === 'query' || !tokens.valid.some((token) => headers.authorization === `Bearer ${token}`),
    )
    .map(({ document, variables, headers }) => json({ query: print(document), variables }, headers, 'wrong variables'));
  const literalEdges = fc
    .tuple(fc.constantFrom(...INT_EDGES.filter(Number.isInteger)), fc.constantFrom('products', 'orders', 'users'), anyToken)
    .map(([first, list, headers]) =>
      json({ query: `{ ${list}(first: ${first}) { totalCount edges { cursor } } }` }, headers, 'literal numbers'),
    );
  const getRequest = fc
    .tuple(
      fc.oneof(mutatedDocument(queries), fc.constantFrom(...queries.map((document) => print(document)))),
      fc.oneof(fc.constant(undefined), fc.string({ maxLength: 20 })),
      anyToken,
    )
    .map(([query, variables, headers]): FuzzRequest => ({
      kind: 'GET',
      method: 'GET',
      headers: { 'apollo-require-preflight': 'true', ...headers },
      search: new URLSearchParams({ query, ...(variables === undefined ? {} : { variables }) }).toString(),
    }));
  return fc.oneof(
    { weight: 6, arbitrary: mutatedQuery },
    { weight: 6, arbitrary: wrongVariables },
    { weight: 3, arbitrary: poisonedMutation(tokens) },
    { weight: 3, arbitrary: notGraphQL },
    { weight: 1, arbitrary: literalEdges },
    { weight: 1, arbitrary: getRequest },
  );
}
