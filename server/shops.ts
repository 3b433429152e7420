/**
 * Operator commands on the server's database (DATA_DIR or DATABASE_URL, as the server reads them):
 *
 *   npm run shops                          lists the shops, their daily caps and waiting messages
 *   npm run shops -- cap <shop id> <n>     sets a shop's daily message cap
 *   npm run shops -- cap <shop id> none    lifts it
 *
 * PGlite (no DATABASE_URL) allows one process at a time: stop the server first. With PostgreSQL
 * it runs beside the servers.
 */
import { listShops, setDailyCap } from './accounts/shop-caps.ts';
import { readConfig } from './config.ts';
import { openDatabase } from './db/open.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const [command, shopId, value] = process.argv.slice(2);
const usage = 'usage: npm run shops [-- cap <shop id> <messages per day | none>]';

let cap: number | null = null;
if (command !== undefined) {
  if (command !== 'cap' || shopId === undefined || !UUID.test(shopId) || value === undefined) {
    console.error(usage);
    process.exit(2);
  }
  if (value !== 'none') {
    cap = Number(value);
    if (!Number.isInteger(cap) || cap < 0) {
      console.error(`${value}: a whole number of 0 or more, or none`);
      process.exit(2);
    }
  }
}

const db = await openDatabase(readConfig());
try {
  if (command === 'cap' && shopId !== undefined) {
    if (!(await setDailyCap(db, shopId, cap))) {
      console.error(`No shop ${shopId}`);
      process.exitCode = 1;
    } else {
      console.log(`${shopId}: ${cap === null ? 'no daily cap' : `${cap} messages a day`}`);
    }
  } else {
    for (const shop of await listShops(db)) {
      const shown = shop.dailyCap === null ? 'no daily cap' : `${shop.dailyCap} a day`;
      console.log(
        `${shop.id}  ${shop.createdAt}  ${shown}, ${shop.waiting} waiting  ${JSON.stringify(shop.shopName)}`,
      );
    }
  }
} finally {
  await db.close();
}
