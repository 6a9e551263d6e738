// A synthetic transaction log of about `rows` rows, repeatable (its own seeded generator):
// customers join over a year, buy at their own Poisson rate and may drop out after any
// purchase, as the BG/NBD model assumes. CSV with a header: customer,date,amount.
import fs from 'node:fs';

import { seededRandom } from './seeded-random.mjs';

export function writeTransactionLog(file, rows = 1_000_000) {
  const random = seededRandom(12345);
  const start = Date.UTC(2023, 0, 1) / 86400000;
  const out = fs.openSync(file, 'w');
  let written = 0, customer = 0, buffer = 'customer,date,amount\n';
  while (written < rows) {
    customer += 1;
    const rate = -Math.log(1 - random()) * 0.1;       // purchases per day, gamma(1)-like
    const dropout = 0.05 + 0.3 * random();           // chance of leaving after a purchase
    const spend = 10 + 90 * random();
    let day = Math.floor(random() * 365);
    for (;;) {
      const date = new Date((start + day) * 86400000).toISOString().slice(0, 10);
      buffer += `C${customer},${date},${(spend * (0.5 + random())).toFixed(2)}\n`;
      written += 1;
      if (buffer.length > 1 << 20) { fs.writeSync(out, buffer); buffer = ''; }
      if (written >= rows || random() < dropout) break;
      day += Math.max(1, Math.round(-Math.log(1 - random()) / rate));
      if (day >= 730) break;
    }
  }
  fs.writeSync(out, buffer);
  fs.closeSync(out);
  return { rows: written, customers: customer };
}
