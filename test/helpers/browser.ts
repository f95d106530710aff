import fs from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Dialect } from '../../src/db/database.ts';
import { buildTestApp, type TestApp } from './app.ts';

const inCi = process.env.CI === 'true' || process.env.CI === '1';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/**
 * Why browser tests cannot run here, or undefined when they can. In CI a missing browser is a
 * failure, so this throws there instead of skipping.
 */
export function browserUnavailable(): string | undefined {
  const file = chromiumPath();
  if (fs.existsSync(file)) return undefined;
  const reason = process.env.CHROMIUM_PATH
    ? `CHROMIUM_PATH wijst naar ${file}, maar dat bestand bestaat niet`
    : `geen Chromium: CHROMIUM_PATH ontbreekt en ${file} bestaat niet`;
  if (inCi) throw new Error(`CI: browsertests zijn verplicht, maar ${reason}`);
  return `browsertest overgeslagen: ${reason}`;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
}

export interface BrowserApp {
  browser: Browser;
  testApp: TestApp;
  /** http://127.0.0.1:PORT, no trailing slash. */
  baseUrl: string;
  close(): Promise<void>;
}

/** The seeded app listening on a free loopback port, and a Chromium to look at it. */
export async function startBrowserApp(dialect: Dialect = 'sqlite'): Promise<BrowserApp> {
  const testApp = await buildTestApp(dialect);
  let browser: Browser | undefined;
  try {
    const address = await testApp.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
    const b = browser;
    return {
      browser: b,
      testApp,
      baseUrl: address.replace(/\/$/, ''),
      async close() {
        await b.close();
        await testApp.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await testApp.close();
    throw error;
  }
}

/** axe-core with the WCAG 2.0/2.1 A and AA rules; returns the violations (empty is good). */
export async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  return results.violations;
}

/** One line per violation and node, so a failing assertion says what to fix. */
export function describeViolations(violations: Awaited<ReturnType<typeof axeViolations>>): string {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact ?? '?'}): ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n')}`,
    )
    .join('\n');
}

/** A page in a context with JavaScript switched off, to prove the page works without it. */
export async function openWithoutJavaScript(
  browser: Browser,
  url: string,
  viewport?: { width: number; height: number },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    javaScriptEnabled: false,
    ...(viewport ? { viewport } : {}),
  });
  const page = await context.newPage();
  await page.goto(url);
  return { context, page };
}

/**
 * Logs in through the login form (without JavaScript too) and waits until it lands on `landing`,
 * the page the form sends back to (default the workspace home).
 */
export async function signIn(
  page: Page,
  baseUrl: string,
  user: { email: string; password: string },
  landing = '/werkruimte',
): Promise<void> {
  await page.goto(`${baseUrl}/inloggen?terug=${encodeURIComponent(landing)}`);
  await page.getByLabel('E-mailadres').fill(user.email);
  await page.getByLabel('Wachtwoord').fill(user.password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL(new RegExp(`${landing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
}
