import type { Page } from 'playwright-core';
import { OWNER } from './instance';

/** Debian's Chromium, or the binary CHROMIUM_PATH names. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Chromium's flags for this machine: headless as root, and none of its own network traffic (the
 * machine has no outside network; without these flags Chromium keeps trying).
 */
export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** Signs in to the n8n at `baseUrl` as the owner the harness sets up, and waits to leave the sign-in page. */
export async function signInToN8n(page: Page, baseUrl: string, timeout = 120_000): Promise<void> {
	await page.goto(`${baseUrl}/signin`, { waitUntil: 'domcontentloaded' });
	await page
		.locator('input[name="emailOrLdapLoginId"], input[type="email"]')
		.first()
		.fill(OWNER.email);
	await page.locator('input[name="password"], input[type="password"]').first().fill(OWNER.password);
	await page.keyboard.press('Enter');
	await page.waitForURL((url) => !url.pathname.includes('signin'), { timeout });
}
