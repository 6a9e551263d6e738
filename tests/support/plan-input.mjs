// Types a plan into the page as a person would: one program with a range on its effect, and a
// range on churn; returns once the Monte Carlo answer for all of it is on screen.
export async function typeProgramWithRanges(page) {
  await page.locator('#add-program').click();
  await page.locator('[id$="-fixed_cost_per_period-likely"]').fill('2000');
  await page.locator('[id$="-churn_reduction_percent-likely"]').fill('12');
  await page.locator('[id$="-churn_reduction_percent-high"]').fill('20');
  await page.locator('#add-range').click();
  await page.locator('.range-row input').first().fill('4');
  await page.locator('.range-row input').nth(1).fill('7');
  await page.locator('#simulation-metrics dd').first().waitFor();
  await planSettled(page);
}

// Until the planner's figures are final: no answer on its way (the panel's aria-busy).
export async function planSettled(page) {
  await page.locator('.planner-panel[aria-busy="false"]').waitFor();
}
