/**
 * The PostgreSQL connection pool (node-postgres) and the two ways repositories use it: one
 * statement on any pooled connection, or several in one transaction on one connection.
 */
import pg from "pg";

export type Queryable = Pick<pg.PoolClient, "query">;

/** BIGINT (epoch ms, ids, counts) comes back as a JS number: every value the bot stores fits in 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format ?? "text")) as typeof pg.types.getTypeParser,
};

export function createPool(connectionString: string, max = 10): pg.Pool {
  return new pg.Pool({ connectionString, max, types });
}

/** Runs `work` in one transaction on one connection: committed when it resolves, rolled back when it throws. */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The rows of one statement. */
export async function rows<T>(db: Queryable, text: string, values: unknown[] = []): Promise<T[]> {
  return (await db.query(text, values)).rows as T[];
}

/** The first row of one statement, or undefined. */
export async function one<T>(db: Queryable, text: string, values: unknown[] = []): Promise<T | undefined> {
  return (await db.query(text, values)).rows[0] as T | undefined;
}

/** How many rows one statement changed. */
export async function changed(db: Queryable, text: string, values: unknown[] = []): Promise<number> {
  return (await db.query(text, values)).rowCount ?? 0;
}
