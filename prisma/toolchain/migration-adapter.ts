/**
 * The driver adapter that Prisma's wasm schema engine (migrate, diff, status) runs on.
 * Used only by the Prisma CLI's configuration (prisma-config.ts); the service uses src/db/client.ts.
 *
 * adapter-pg 6.19.3 needs four fixes for the schema engine (upstream issues and how to drop each:
 * prisma/toolchain/README.md):
 * 1. catalog columns of type `name` (OID 19) and `"char"` (OID 18) are described as text and
 *    as a character (the engine reads pg_constraint.contype as one);
 * 2. connection fields are passed separately, so the shadow database is really another database;
 * 3. the shadow pool is closed before its database is dropped;
 * 4. a migration script is sent as one query, so `$$` bodies are not split on `;`.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { ColumnTypeEnum } from '@prisma/driver-adapter-utils';
import type pg from 'pg';
import { connectionOptions } from '../../src/db/connection-options';

type Adapter = Awaited<ReturnType<PrismaPg['connect']>>;
type Queryable = Pick<Adapter, 'queryRaw'>;
type PerformIO = (query: unknown) => Promise<{ fields: { dataTypeID: number }[] }>;

const CHAR_OID = 18;
const NAME_OID = 19;
const TEXT_OID = 25;

/** Fix 1, for one adapter or transaction: each query's result types are fixed in its own closure. */
function describeCatalogColumns<T extends Queryable>(queryable: T): T {
  const queryRaw = (Object.getPrototypeOf(queryable) as Queryable).queryRaw;
  const performIO = (queryable as unknown as { performIO: PerformIO }).performIO.bind(queryable);
  queryable.queryRaw = async (query) => {
    const charColumns: number[] = [];
    const describing = Object.create(queryable, {
      performIO: {
        value: async (io: unknown) => {
          const result = await performIO(io);
          result.fields.forEach((field, index) => {
            if (field.dataTypeID === CHAR_OID) charColumns.push(index);
            if (field.dataTypeID === CHAR_OID || field.dataTypeID === NAME_OID) field.dataTypeID = TEXT_OID;
          });
          return result;
        },
      },
    }) as Queryable;
    const result = await queryRaw.call(describing, query);
    for (const index of charColumns) result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  };
  return queryable;
}

function fixForSchemaEngine(adapter: Adapter): Adapter {
  const pool = adapter.underlyingDriver() as pg.Pool;
  describeCatalogColumns(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => describeCatalogColumns(await startTransaction(isolationLevel));
  // Fix 4.
  adapter.executeScript = async (script: string) => {
    try {
      await pool.query(script);
    } catch (error) {
      (adapter as unknown as { onError(error: unknown): never }).onError(error);
    }
  };
  return adapter;
}

export class MigrationAdapterFactory extends PrismaPg {
  private readonly poolConfig: pg.PoolConfig;

  constructor(url: string) {
    // allowExitOnIdle: the CLI does not always dispose the adapter; idle connections must not keep it alive.
    const poolConfig = { ...connectionOptions(url), max: 2, allowExitOnIdle: true, idleTimeoutMillis: 100 };
    super(poolConfig);
    this.poolConfig = poolConfig;
  }

  override async connect(): Promise<Adapter> {
    return fixForSchemaEngine(await super.connect());
  }

  override async connectToShadowDb(): Promise<Adapter> {
    const main = await this.connect();
    const database = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID()}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = fixForSchemaEngine(await new PrismaPg({ ...this.poolConfig, database }).connect());
    shadow.dispose = async () => {
      // Fix 3: the shadow pool's connections would block DROP DATABASE.
      await (shadow.underlyingDriver() as pg.Pool).end();
      await main.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
      await main.dispose();
    };
    return shadow;
  }
}
