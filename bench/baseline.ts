/**
 * B, the baseline the service is measured against: what someone would write by hand instead of
 * GraphQL. node:http + pg, one statement per read (json_agg builds the exact JSON the service
 * answers) and, for checkout, the service's own statement (placeOrderSql, autocommitted). Like
 * the service, it authenticates every request that carries a token (the service's own
 * `authenticate`: the key imported once, the verified token remembered, the user's row read with
 * the same prepared statement) and places orders for that user.
 * Run as a process of its own by bench/run.ts: DATABASE_URL, JWT_SECRET, PORT.
 *   GET /floor            {"data":{"__typename":"Query"}}, no SQL
 *   GET /nested           orders(first: 50) { id totalPrice status user { name } items { quantity unitPrice product { name } } }
 *   GET /point/<id>       order(id) { id status totalPrice placedAt user { email } items { productName quantity unitPrice } }
 *   POST /checkout        {"productId", "quantity"}: placeOrder(...) { id totalPrice } for the token's user
 */
import http from 'node:http';
import pg from 'pg';
import { connectionOptions } from '../src/db/connection-options';
import { createReader } from '../src/db/reader';
import { authenticate } from '../src/graphql/auth';
import { placeOrderSql } from '../src/services/checkout';

/** A global ID (base64url of "Type:id", no padding) computed in SQL. */
const globalId = (type: string, column: string) =>
  `translate(rtrim(encode(convert_to('${type}:' || ${column}, 'UTF8'), 'base64'), '='), '+/', '-_')`;

export const NESTED_SQL = `
  SELECT json_build_object('data', json_build_object('orders', json_build_object('edges', coalesce(json_agg(
    json_build_object('node', json_build_object(
      'id', ${globalId('Order', 'o.id')},
      'totalPrice', o.total_price::text,
      'status', o.status,
      'user', json_build_object('name', u.name),
      'items', (
        SELECT coalesce(json_agg(json_build_object(
          'quantity', i.quantity, 'unitPrice', i.unit_price::text,
          'product', (SELECT json_build_object('name', p.name) FROM products p WHERE p.id = i.product_id AND p.deleted_at IS NULL)
        ) ORDER BY i.id), '[]')
        FROM order_items i WHERE i.order_id = o.id
      )
    ))
    ORDER BY o.placed_at DESC, o.id DESC
  ), '[]'))))::text AS body
  FROM (SELECT * FROM orders ORDER BY placed_at DESC, id DESC LIMIT $1) o JOIN users u ON u.id = o.user_id`;

export const POINT_SQL = `
  SELECT json_build_object('data', json_build_object('order', (
    SELECT json_build_object(
      'id', ${globalId('Order', 'o.id')},
      'status', o.status,
      'totalPrice', o.total_price::text,
      'placedAt', to_char(o.placed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'user', json_build_object('email', u.email),
      'items', (
        SELECT coalesce(json_agg(json_build_object(
          'productName', i.product_name, 'quantity', i.quantity, 'unitPrice', i.unit_price::text
        ) ORDER BY i.id), '[]')
        FROM order_items i WHERE i.order_id = o.id
      )
    )
    FROM orders o JOIN users u ON u.id = o.user_id WHERE o.id = $1
  )))::text AS body`;

const FLOOR = JSON.stringify({ data: { __typename: 'Query' } });

const pool = new pg.Pool({ ...connectionOptions(process.env.DATABASE_URL!), max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
const reader = createReader(pool, { prepare: true });
const JWT_SECRET = process.env.JWT_SECRET!;

async function body(request: http.IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request) text += chunk;
  return text;
}

async function checkout(userId: number, input: { productId: number; quantity: number }): Promise<string> {
  const sql = placeOrderSql({ userId, lines: [{ productId: input.productId, quantity: input.quantity }], idempotencyKey: null }, null);
  const { rows } = await pool.query<{ outcome: string; id: number; total_price: string }>(sql.text, sql.values as unknown[]);
  const order = rows[0];
  if (!order || order.outcome === 'refused') {
    return JSON.stringify({ errors: [{ message: 'refused', extensions: { code: 'INSUFFICIENT_STOCK' } }] });
  }
  const id = Buffer.from(`Order:${order.id}`).toString('base64url');
  return JSON.stringify({ data: { placeOrder: { id, totalPrice: order.total_price } } });
}

async function answer(request: http.IncomingMessage): Promise<string> {
  const url = request.url ?? '/';
  const user = await authenticate(reader, JWT_SECRET, request.headers.authorization);
  if (url === '/floor') return FLOOR;
  if (url === '/nested') return (await pool.query<{ body: string }>(NESTED_SQL, [50])).rows[0]!.body;
  const point = /^\/point\/(\d+)$/.exec(url);
  if (point) return (await pool.query<{ body: string }>(POINT_SQL, [Number(point[1])])).rows[0]!.body;
  if (url === '/checkout' && request.method === 'POST') {
    if (!user) throw Object.assign(new Error('sign in to place orders'), { status: 401 });
    return checkout(user.id, JSON.parse(await body(request)));
  }
  throw Object.assign(new Error(`no route ${url}`), { status: 404 });
}

const server = http.createServer((request, response) => {
  answer(request).then(
    (text) => {
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
      response.end(text);
    },
    (error: Error & { status?: number }) => {
      response.writeHead(error.status ?? 500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ errors: [{ message: error.message }] }));
    },
  );
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(`baseline ready at http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
});
process.on('SIGTERM', () => {
  server.close();
  void pool.end();
  server.closeAllConnections();
});
