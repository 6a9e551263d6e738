// A synthetic Stripe subscriptions export, repeatable (its own seeded generator): monthly
// cohorts of customers who each renew every month with their own probability 1 - theta, theta
// drawn from Beta(1, 3) (the shifted-beta-geometric story, so a fit should find about alpha 1,
// beta 3). Written with the columns of Stripe's dashboard export.
import { seededRandom } from './seeded-random.mjs';

const HEADER = 'id,Customer ID,Customer Email,Plan,Quantity,Currency,Interval,Amount,Status,Created (UTC),Start (UTC),'
  + 'Current Period Start (UTC),Current Period End (UTC),Trial Start (UTC),Trial End (UTC),Canceled At (UTC),Ended At (UTC),Cancellation Reason';

const stamp = (date) => date.toISOString().slice(0, 16).replace('T', ' ');
const addMonths = (date, months) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, date.getUTCDate(), 9));

export function stripeExport({ cohorts = 12, perCohort = 80, seed = 7 } = {}) {
  const random = seededRandom(seed);
  const exportedAt = new Date(Date.UTC(2025, 0, 2, 9));
  const lines = [HEADER];
  let n = 0;
  for (let c = 0; c < cohorts; c++) {
    for (let i = 0; i < perCohort; i++) {
      n += 1;
      const theta = 1 - (1 - random()) ** (1 / 3);  // Beta(1, 3) by its inverse distribution function
      const start = new Date(Date.UTC(2024, c, 1 + Math.floor(random() * 28), 9));
      const amount = [19, 49, 99][Math.floor(random() * 3)];
      let periods = 1;
      while (addMonths(start, periods) < exportedAt && random() >= theta) periods += 1;
      const end = addMonths(start, periods);
      const ended = end < exportedAt;
      lines.push([`sub_${n}`, `cus_${n}`, `c${n}@example.com`, 'Plan', 1, 'usd', 'month', `${amount}.00`, ended ? 'canceled' : 'active',
        stamp(start), stamp(start), stamp(addMonths(start, periods - 1)), stamp(end), '', '',
        ended ? stamp(addMonths(end, -1)) : '', ended ? stamp(end) : '', ended ? 'cancellation_requested' : ''].join(','));
    }
  }
  // One customer who joined as the file was exported: January 2025 has not ended.
  lines.push(`sub_last,cus_last,last@example.com,Plan,1,usd,month,19.00,active,${stamp(exportedAt)},${stamp(exportedAt)},${stamp(exportedAt)},${stamp(addMonths(exportedAt, 1))},,,,,`);
  return `${lines.join('\n')}\n`;
}
