// npm run rebuild -- order-catalog [--replace]: rebuilds a read model from its topic, on the running stack
// (KAFKA_BROKERS with KAFKA_SASL_*/KAFKA_TLS, or the local broker as its admin; ORDER_DATABASE_URL, or serapan_order on DATABASE_URL's server or the embedded one).
import { DataSource } from 'typeorm';
import { postgresOptions } from '../dist/libs/database/src/index.js';
import { ReadModelNotEmptyError, rebuildCatalogReadModel } from '../dist/apps/order/src/catalog-projection/catalog-rebuild.js';
import { serviceDatabaseUrl, stackKafka } from './lib/running-stack.mjs';

const USAGE = `usage: npm run rebuild -- order-catalog [--replace]
  order-catalog   the order service's catalog read model (catalog_products), from catalog.product.v1
  --replace       empty the table first (otherwise a table that holds products is refused)`;

const args = process.argv.slice(2);
const [what] = args.filter((a) => !a.startsWith('--'));
const unknownFlags = args.filter((a) => a.startsWith('--') && a !== '--replace');
if (what !== 'order-catalog' || unknownFlags.length > 0) {
  console.error(USAGE);
  process.exit(2);
}
const url = serviceDatabaseUrl('order');
const kafka = { ...stackKafka(), clientId: 'serapan-rebuild', partitions: 1 };
const where = `${new URL(url).pathname.slice(1)} on ${new URL(url).host}`;
let dataSource;
try {
  dataSource = await new DataSource(postgresOptions(url, [], [], 2)).initialize();
  const [{ migrated }] = await dataSource.query(`SELECT to_regclass('catalog_products') IS NOT NULL AS migrated`);
  if (!migrated) throw new Error(`${where} has no catalog_products table: start the order service once (npm start) so its migrations run`);
  console.log(`rebuilding catalog_products in ${where} from catalog.product.v1 at ${kafka.brokers.join(',')}…`);
  let shown = 0;
  const result = await rebuildCatalogReadModel(dataSource, kafka, {
    replace: args.includes('--replace'),
    onProgress: ({ read, ahead, applied }) => {
      if (read > 0 && read < ahead && Date.now() - shown < 1000) return;
      shown = Date.now();
      console.log(`  ${read} of at most ${ahead} messages read (${ahead ? Math.round((100 * read) / ahead) : 100}%), ${applied} product events applied`);
    },
  });
  console.log(
    `done: ${result.products} products from ${result.applied} events` + (result.undecodable ? `; ${result.undecodable} undecodable message(s) skipped` : ''),
  );
} catch (error) {
  const hint = error instanceof ReadModelNotEmptyError ? '' : ` (is the stack running? KAFKA_BROKERS/KAFKA_PORT, ORDER_DATABASE_URL/DATABASE_URL say where)`;
  console.error(`rebuild failed: ${error.message}${hint}`);
  process.exitCode = 1;
} finally {
  await dataSource?.destroy();
}
