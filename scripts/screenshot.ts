/**
 * Makes docs/demo-workflow.png: a demo workflow in n8n's editor, with Debian's Chromium (headless).
 * Needs `apt-get install chromium`. Usage: npm run screenshot [-- <workflow id>]
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, signInToN8n } from './n8n/browser';
import { PACKAGE_ROOT } from './n8n/instance';
import { startDemo } from './demo';

async function main(): Promise<void> {
	const workflowId = process.argv[2] ?? 'smsc-personalised';
	const demo = await startDemo({
		sandboxPort: 8035,
		n8nPort: 5720,
		workDir: join(PACKAGE_ROOT, '.n8n-demo-screenshot'),
	});
	const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
	try {
		const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
		await signInToN8n(page, demo.n8n.url, 60_000);
		await page.goto(`${demo.n8n.url}/workflow/${workflowId}`);
		await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 60_000 });
		await page.waitForTimeout(2000);
		mkdirSync(join(PACKAGE_ROOT, 'docs'), { recursive: true });
		const file = join(PACKAGE_ROOT, 'docs', 'demo-workflow.png');
		await page.screenshot({ path: file });
		process.stdout.write(`Wrote ${file}\n`);
	} finally {
		await browser.close();
		await demo.stop();
	}
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
