// Enterprise and machine identity in a real browser: the enterprise flow end to end on its own IdP
// lane with no consent window, and a stolen DPoP-bound token both ways with the "Who holds what"
// panel showing the theft at the message that gave it to her; the new lessons open. Axe on each.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { textOf } from './harness';
import type { E2eTest, Session } from './harness';

const holdings = (page: Page) => page.getByRole('region', { name: 'Who holds what' });
const lanesDrawn = (page: Page) => page.locator('.seq-lane, .seq-sticky__lane').allTextContents();

/** The cells of one row of the holdings grid, by column name. */
async function holders(page: Page, secret: RegExp): Promise<string[]> {
  const panel = holdings(page);
  // The grid opens on demand (the inspector below keeps its room): open it as a learner would.
  const details = panel.locator('details');
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open)))
    await panel.locator('summary').click();
  const columns = await panel.getByRole('columnheader').allTextContents();
  const cells = await panel
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: secret }) })
    .first()
    .locator('td')
    .allTextContents();
  return cells.flatMap((text, i) => (text.includes('#') ? [columns[i + 1] ?? '?'] : []));
}

async function runAttack(s: Session, defence: 'on' | 'off'): Promise<void> {
  const { page } = s;
  await s.go(`#/sim?attack=stolen-token-replay&defence=${defence}`);
  const labTab = page.getByRole('tab', { name: /Attack lab/ });
  if ((await labTab.getAttribute('aria-selected')) !== 'true') await labTab.click();
  await page.getByRole('button', { name: 'Run the attack to the end' }).click();
  await page.waitForFunction(
    () => document.querySelector('.toolbar')?.getAttribute('data-status') === 'finished',
  );
  await s.waitSettled();
  await page.getByTestId('attack-outcome').waitFor();
  // The lab opened for the attack; the holdings panel sits with the step's explanation.
  await page.getByRole('tab', { name: 'Step & inspector' }).click();
  await holdings(page).waitFor();
}

export const identityTests: E2eTest[] = [
  {
    name: 'identity, enterprise-managed authorization: the IdP lane, no consent window, who holds the ID token and the ID-JAG',
    slug: 'identity-enterprise',
    async run(s) {
      const { page } = s;
      await s.go('#/sim?scenario=enterprise');
      await page.getByRole('button', { name: 'Run to end' }).click();
      await page.waitForSelector('.seq-ghost--ended');
      await s.waitSettled();
      assert.ok(
        (await lanesDrawn(page)).some((l) => /Enterprise IdP/.test(l)),
        'the IdP lane is drawn',
      );
      const labels = await s.labels();
      assert.ok(labels.some((l) => l.includes('POST /token')));
      assert.equal(await page.getByRole('dialog').count(), 0, 'no consent window');
      assert.match(await textOf(page.locator('.outcome')), /./);
      // The ID token went to the IdP and back, never to the MCP servers; the ID-JAG to the MCP AS.
      assert.deepEqual(await holders(page, /^ID token/), ['Client', 'Enterprise IdP']);
      assert.deepEqual(await holders(page, /^ID-JAG/), ['Client', 'Enterprise IdP', 'Auth server']);
      assert.equal(await holdings(page).getByRole('status').count(), 0, 'no attacker, no theft');
      await s.axe('enterprise flow, ended');
      await s.screenshot('60-enterprise-ended-1280-light');
    },
  },
  {
    name: 'identity, a stolen DPoP-bound token: the holdings panel shows the theft at once, both ways; the link selects the message',
    slug: 'identity-stolen-token',
    options: { colorScheme: 'dark' },
    async run(s) {
      const { page } = s;
      await runAttack(s, 'off');
      assert.match(await textOf(page.getByRole('tab', { name: /Attack lab/ })), /succeeded/);
      const theft = holdings(page).getByRole('status');
      assert.match(await textOf(theft), /The attacker holds.*Access token, from message \d+/s);
      assert.ok((await holders(page, /^Access token/)).includes('Attacker'));
      const link = theft.getByRole('button').first();
      const seq = Number(/message (\d+)/.exec(await textOf(link))?.[1]) - 1;
      await link.click();
      await page.waitForFunction(
        (id) => document.getElementById(id)?.getAttribute('aria-selected') === 'true',
        `message-${seq}`,
      );
      await s.axe('stolen token, defence off, holdings');
      await s.screenshot('61-stolen-token-holdings-1280-dark');

      // Defence on: she still copies the token, and the panel says so; the bound token gets her nothing.
      await runAttack(s, 'on');
      assert.match(await textOf(page.getByRole('tab', { name: /Attack lab/ })), /stopped/);
      assert.match(await textOf(holdings(page).getByRole('status')), /Access token/);
      assert.ok(
        !(await holders(page, /^DPoP private key/)).includes('Attacker'),
        'the key never left the client',
      );
    },
  },
  {
    name: 'identity, client_secret_post: the deep link opens the token request with the secret in the body, its rule, who holds it, masked on request',
    slug: 'identity-secret-post',
    async run(s) {
      const { page } = s;
      const link = '#/sim?scenario=client-credentials-post&at=client-credentials:request';
      await s.go(link);
      assert.match(await textOf(page.locator('[role="option"][aria-current="step"]')), /POST \/token/);
      const inspector = page.locator('.inspector');
      // A request opens on its Request tab (the only one a request has).
      const tab = inspector.getByRole('tab', { name: 'Request' });
      assert.equal(await tab.getAttribute('aria-selected'), 'true');
      const request = inspector.getByLabel('HTTP request');
      const body = (await request.locator('.http__params li').allTextContents()).map((l) =>
        l.replace(/^&/, ''),
      );
      assert.equal(body[0], 'grant_type=client_credentials');
      assert.ok(body.includes('client_id=mcp-sim-reporting-bot'), `client_id in the body: ${body.join(' ')}`);
      const secret = body.find((l) => l.startsWith('client_secret='))?.slice('client_secret='.length) ?? '';
      assert.ok(secret.length > 10, 'the client secret, in the body');
      const headers = await request.locator('.http__header dt').allTextContents();
      assert.ok(!headers.includes('Authorization:'), `no Authorization header: ${headers.join(' ')}`);
      // The rule that applies: the server must take the secret in the body, the client picks (C-70).
      const rules = page.getByText('Rules for this step').locator('..');
      await rules.getByRole('button', { name: 'A-26' }).click();
      assert.match(await textOf(rules), /request body.*client_secret_post/s);
      // Who holds the secret: the client and the authorization server, nobody else.
      assert.deepEqual(await holders(page, /^Client secret/), ['Client', 'Auth server']);
      const row = holdings(page)
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: /^Client secret/ }) });
      assert.match(await textOf(row), /#10, in its body.*#10, in its body/s, 'it travelled in the body');
      await s.axe('client_secret_post, the token request');
      await s.screenshot('67-client-secret-post-1280-light');

      // Hide secrets: the same link with mask=1 shows the names, not the secret.
      await s.go(`${link}&mask=1`);
      const masked = (await request.locator('.http__params li').allTextContents()).join('\n');
      assert.match(masked, /client_secret=\S+/);
      assert.ok(!masked.includes(secret), 'the secret is masked');
      assert.ok(masked.includes('client_id=mcp-sim-reporting-bot'), 'the client_id is not a secret');
    },
  },
  {
    name: 'identity, the new lessons open, with their try-it links',
    slug: 'identity-lessons',
    async run(s) {
      const { page } = s;
      for (const [id, title] of [
        ['machine-identity', /signed assertions/],
        ['enterprise-managed-authorization', /Enterprise-managed/],
        ['sender-constrained-tokens', /DPoP/],
      ] as const) {
        await s.go(`#/lessons/${id}`);
        assert.match(await textOf(page.getByRole('heading', { level: 1 }).first()), title);
        assert.ok((await page.getByRole('link', { name: /^Try it/ }).count()) >= 2);
      }
      await page.getByRole('link', { name: /^Try it: a stolen Bearer token replayed/ }).click();
      await page.waitForFunction(() => location.hash.includes('attack=stolen-token-replay'));
      await s.waitSettled();
      await s.axe('sender-constrained tokens lesson, then its attack');
    },
  },
];
