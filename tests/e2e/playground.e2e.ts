import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Locator } from 'playwright-core';
import { loadExamples } from '../../src/core/playground';
import { startHttp } from '../support/server';

/** Debian's Chromium; `npx playwright install` cannot download a browser here. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOT = join(__dirname, '..', '..', 'docs', 'playground.png');

describe('Playground in a real browser', () => {
  let http: Awaited<ReturnType<typeof startHttp>>;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (or set CHROMIUM_PATH)`);
    http = await startHttp();
    // launch() gives the browser a fresh temporary profile (user data dir) of its own
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    });
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    await http?.stop();
  });

  it('should load with the network closed, run a picked example and show its result and the docs', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const ours = new URL(http.url).host;
    const elsewhere: string[] = [];
    // The network is closed: anything not addressed to our server is recorded and refused.
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.host === ours || url.protocol === 'data:') return route.continue();
      elsewhere.push(url.href);
      return route.abort('internetdisconnected');
    });
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));

    const response = await page.goto(`${http.url}/graphql`);
    expect(response?.status()).toBe(200);
    await page.locator('.graphiql-container').waitFor();

    const picker = page.getByLabel('Examples');
    const options = await picker.locator('option').allTextContents();
    expect(options.slice(1)).toEqual(loadExamples().map((e) => e.title));
    await picker.selectOption({
      label: "Salary by level: back-end developer's pay, level by level",
    });
    await containsText(page.locator('.graphiql-query-editor'), 'query SalaryByLevel');

    await page.locator('.graphiql-execute-button').click();
    const result = page.locator('.graphiql-response');
    await result.getByText('"Back-end developer"').first().waitFor({ timeout: 15000 });
    await containsText(result, '"salaryBands"');
    await containsText(result, '"currency": "USD"');
    await page.screenshot({ path: SCREENSHOT });

    // edited by hand after picking, the query still runs as the operation now in the editor
    await page
      .locator('.graphiql-query-editor .CodeMirror-line')
      .filter({ hasText: 'name' })
      .first()
      .click();
    await page.keyboard.press('End');
    await page.keyboard.type(' summary');
    await page.locator('.graphiql-execute-button').click();
    await containsText(result, '"summary"');
    await expect(result.innerText()).resolves.not.toContain('Unknown operation');

    await page
      .getByRole('button', { name: /documentation explorer/i })
      .first()
      .click();
    const docs = page.locator('.graphiql-doc-explorer');
    await containsText(docs, 'Root Types');
    await containsText(docs, 'query: Query');

    expect(elsewhere).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 60000);
});

/** Waits until the locator has an element containing `text` (fails after 15 s). */
async function containsText(locator: Locator, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: 15000 });
}
