/** Quiz steps the browser tests share. */
import type { Page } from 'playwright-core';

/** Answers the question on screen (its first answer, or the order as shown) and goes on. */
export async function answerAndGoOn(page: Page): Promise<void> {
  const check = page.getByRole('button', { name: /^Check (answer|order)$/ });
  await check.waitFor();
  const radios = page.getByRole('radio');
  if ((await radios.count()) > 0) await radios.first().check();
  await check.click();
  await page.getByRole('region', { name: 'Feedback' }).waitFor();
  await page.getByRole('button', { name: /^(Next question|See your results)$/ }).click();
}
