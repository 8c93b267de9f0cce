/**
 * Checkout throughput on one hot product at 1, 8 and 32 concurrent clients: placeOrder through
 * the HTTP API, beside a raw-SQL baseline (the same guarded transaction sent by pg directly)
 * measured in the same run. Prints orders/s and the ratio API / raw SQL.
 */
import pg from 'pg';
import { openDatabase } from '../src/db/client';
import { signAccessToken } from '../src/services/auth';
import { toGlobalId } from '../src/services/global-id';
import { startServer } from '../src/server';
import { benchDatabase, printTable, throughput } from './support';

const ORDERS_PER_RUN = Number(process.env.BENCH_ORDERS ?? 600);
const CLIENTS = [1, 8, 32];
const POOL_SIZE = 10;
const secret = 'bench-secret';

const database = await benchDatabase('checkout');
const handle = openDatabase(database.url, POOL_SIZE);
const raw = new pg.Pool({ connectionString: database.url, max: POOL_SIZE });
try {
  const user = await handle.prisma.user.create({ data: { email: 'bench@example.com', name: 'Bench' } });
  const product = await handle.prisma.product.create({ data: { sku: 'HOT-1', name: 'Hot', price: '9.99', stock: 100_000_000 } });
  const server = await startServer({ host: '127.0.0.1', port: 0, production: true, jwtSecret: secret, reportTimeoutMs: 10_000 }, handle);
  const token = await signAccessToken(secret, user.id);
  const body = JSON.stringify({
    query: 'mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id totalPrice } }',
    variables: { input: { items: [{ productId: toGlobalId('Product', product.id), quantity: 1 }] } },
  });

  const viaApi = async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    });
    const result = (await response.json()) as { errors?: unknown };
    if (result.errors) throw new Error(JSON.stringify(result.errors));
  };
  const viaRawSql = async () => {
    const client = await raw.connect();
    try {
      await client.query('BEGIN');
      const taken = await client.query(
        'UPDATE products SET stock = stock - $2, updated_at = now() WHERE id = $1 AND deleted_at IS NULL AND stock >= $2 RETURNING name, price',
        [product.id, 1],
      );
      const { name, price } = taken.rows[0] as { name: string; price: string };
      const order = await client.query(
        "INSERT INTO orders (user_id, status, total_price, updated_at) VALUES ($1, 'PENDING', $2, now()) RETURNING id",
        [user.id, price],
      );
      await client.query('INSERT INTO order_items (order_id, product_id, product_name, unit_price, quantity) VALUES ($1, $2, $3, $4, 1)', [
        (order.rows[0] as { id: number }).id,
        product.id,
        name,
        price,
      ]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  };

  await throughput(4, 100, viaApi); // warm up both paths
  await throughput(4, 100, viaRawSql);
  const rows = [];
  for (const clients of CLIENTS) {
    const api = await throughput(clients, ORDERS_PER_RUN, viaApi);
    const baseline = await throughput(clients, ORDERS_PER_RUN, viaRawSql);
    rows.push([clients, api.toFixed(0), baseline.toFixed(0), (api / baseline).toFixed(2)]);
  }
  printTable(`checkout on one hot product (${ORDERS_PER_RUN} orders per run, pool ${POOL_SIZE})`, ['clients', 'API orders/s', 'raw SQL orders/s', 'ratio'], rows);
  const [{ stock }] = (await raw.query('SELECT stock FROM products WHERE id = $1', [product.id])).rows as [{ stock: number }];
  const [{ count }] = (await raw.query('SELECT count(*)::int AS count FROM order_items')).rows as [{ count: number }];
  if (stock + count !== 100_000_000) throw new Error(`stock does not add up: ${stock} + ${count}`);
  await server.stop();
} finally {
  await raw.end();
  await handle.close();
  await database.drop();
}
