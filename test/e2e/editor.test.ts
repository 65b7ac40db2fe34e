import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { OWNER, PACKAGE_ROOT } from '../../scripts/n8n/instance';
import { DEMO_TRIGGER_SECRET, startDemo, type Demo } from '../../scripts/demo';
import { TOKEN_QUERY } from '../../nodes/SmsCenterTrigger/helpers/notification';

/**
 * The package in n8n's editor as a user meets it: Debian's Chromium (headless) against a real n8n with
 * the packed package, the sandbox and the demo workflows of `npm start`. It copies the trigger's ready
 * address and proves that the sandbox's reports reach the workflow through it, runs a demo workflow,
 * and checks the options each SMS type shows, the subtitles, the status names and the operations'
 * descriptions. Screenshots go to a temporary folder, or to docs/ (the README's) with UPDATE_SCREENSHOTS=1.
 */
const N8N_PORT = 6400;
const SANDBOX_PORT = 6410;
const SMTP_PORT = 6412;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS =
	process.env.UPDATE_SCREENSHOTS === '1'
		? join(PACKAGE_ROOT, 'docs')
		: mkdtempSync(join(tmpdir(), 'smscenter-screenshots-'));

/** Words of the code or of the API document that an ops user should not meet in the editor. */
export function internalTerms(text: string): string[] {
	const patterns = [
		/\b[a-z]+[A-Z][A-Za-z]*\b/g, // camelCase names: getUserBalances, smsOperation
		/\b(?:Send|Check|Get)[A-Za-z]*(?:ID|V2|Messages|PrePaid)\b/g, // API methods: SendMessagesV2
		/\b\w+\.(?:aspx?|asmx|ts|js|json)\b/g, // file names: pushsms.aspx
		/\$parameter|\{\{|\}\}|\bundefined\b|\bnull\b|\[object/g,
	];
	return patterns.flatMap((pattern) => text.match(pattern) ?? []);
}

interface Execution {
	id: string;
	workflowId: string;
	status: string;
	data?: {
		resultData: {
			runData: Record<
				string,
				Array<{ data?: { main: Array<Array<{ json: Record<string, unknown> }>> } }>
			>;
		};
	};
}

/** One SMSCenter node per operation, for the subtitles and the operations' descriptions. */
const OPERATIONS = [
	{ resource: 'sms', operation: 'send', subtitle: 'Send SMS' },
	{ resource: 'sms', operation: 'estimate', subtitle: 'Estimate SMS' },
	{ resource: 'sms', operation: 'sendSimple', subtitle: 'Send SMS (Simple URL API)' },
	{ resource: 'voiceCall', operation: 'send', subtitle: 'Send Voice Call' },
	{ resource: 'voiceCall', operation: 'getResponses', subtitle: 'Get Voice Call Responses' },
	{ resource: 'account', operation: 'getCompanyBalance', subtitle: 'Get Company Balance' },
	{ resource: 'account', operation: 'getUserBalances', subtitle: 'Get User Balances' },
];
const RESOURCES = ['SMS', 'Voice Call (IVR)', 'Account'];

async function waitFor<T>(
	what: string,
	check: () => Promise<T | undefined>,
	ms = 60_000,
): Promise<T> {
	const until = Date.now() + ms;
	for (;;) {
		const value = await check();
		if (value !== undefined) return value;
		if (Date.now() > until) throw new Error(`${what}: not reached in ${ms} ms`);
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
}

/** A canvas node's box (its icon, name and subtitle): the outer element has no size of its own. */
const NODE_BOX = '[data-canvas-node-render-type]';

/** Where a failing step leaves the page's picture and test IDs (never docs/). */
const DIAGNOSTICS =
	process.env.EDITOR_DIAGNOSTICS ?? mkdtempSync(join(tmpdir(), 'smscenter-editor-failures-'));

describe("the package in n8n's editor (Chromium)", () => {
	let demo: Demo;
	let context: BrowserContext;
	let page: Page;
	let profileDir: string;
	let workDir: string;
	let everyOperationId: string;

	const shot = async (name: string, target: Page | Locator = page) => {
		mkdirSync(SCREENSHOTS, { recursive: true });
		await target.screenshot({ path: join(SCREENSHOTS, name) });
	};
	const ndv = () => page.getByTestId('ndv');
	/** Runs a test's steps; on failure, keeps a screenshot, the page's HTML and its test IDs. */
	const withDiagnostics = async (name: string, steps: () => Promise<void>) => {
		try {
			await steps();
		} catch (error) {
			mkdirSync(DIAGNOSTICS, { recursive: true });
			await page.screenshot({ path: join(DIAGNOSTICS, `${name}.png`) }).catch(() => undefined);
			const html = await page.content().catch(() => '');
			writeFileSync(join(DIAGNOSTICS, `${name}.html`), html);
			process.stderr.write(`${name} failed: see ${DIAGNOSTICS}/${name}.png and .html\n`);
			throw error;
		}
	};
	const openWorkflow = async (id: string) => {
		await page.goto(`${demo.n8n.url}/workflow/${id}`, { waitUntil: 'domcontentloaded' });
		// The editor's first paint of a workflow can take a minute on a busy 2-core machine.
		await page.locator(NODE_BOX).first().waitFor({ timeout: 180_000 });
	};
	const canvasNode = (name: string) =>
		page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"] ${NODE_BOX}`);
	const openNode = async (name: string) => {
		// The panel is a <dialog> that never counts as visible itself: wait for its parameters. A double
		// click that lands while the canvas is still wiring its handlers is lost: try again.
		for (let attempt = 1; ; attempt++) {
			await canvasNode(name).dblclick({ force: true });
			try {
				await ndv().getByTestId('node-parameters').waitFor({ timeout: 15_000 });
				return;
			} catch (error) {
				if (attempt === 4) throw error;
			}
		}
	};
	const closeNode = async () => {
		await page.getByTestId('ndv-close-button').click();
		await ndv().getByTestId('node-parameters').waitFor({ state: 'hidden' });
	};
	/** The entries of the open dropdown (options of a select, or the Options collection's "Add Option"). */
	const dropdownEntries = async () => {
		const entries = page.locator('[role="option"]:visible, [role="menuitem"]:visible');
		await entries.first().waitFor();
		return (await entries.allInnerTexts()).map((text) => text.trim());
	};
	const chooseFromDropdown = async (name: string) => {
		await page
			.locator('[role="option"]:visible, [role="menuitem"]:visible')
			.filter({ hasText: name })
			.first()
			.click();
	};
	/** The Options collection's "Add Option" (a select, or a menu button in n8n's newer collection). */
	const addOptionButton = () =>
		ndv()
			.locator(
				'[data-test-id="collection-parameter-add"], [data-test-id="collection-parameter-add-dropdown"] button',
			)
			.first();
	const addOptionEntries = async () => {
		await addOptionButton().click();
		const entries = await dropdownEntries();
		await page.keyboard.press('Escape');
		return entries;
	};
	const executions = async (workflowId: string) =>
		(
			await demo.n8n.api<{ data: Execution[] }>(
				'GET',
				`/executions?workflowId=${workflowId}&includeData=true&limit=100`,
			)
		).json.data;

	beforeAll(async () => {
		workDir = mkdtempSync(join(tmpdir(), 'smscenter-editor-'));
		demo = await startDemo({
			sandboxPort: SANDBOX_PORT,
			n8nPort: N8N_PORT,
			smtpPort: SMTP_PORT,
			workDir,
		});
		const created = await demo.n8n.api<{ id: string }>('POST', '/workflows', {
			name: 'SMSCenter: every operation',
			nodes: OPERATIONS.map((op, index) => ({
				id: `operation-${index}`,
				name: `Operation ${index + 1}`,
				type: 'n8n-nodes-smscenter.smsCenter',
				typeVersion: 1.1,
				position: [(index % 4) * 260, Math.floor(index / 4) * 200],
				parameters: { resource: op.resource, operation: op.operation },
			})),
			connections: {},
			settings: { executionOrder: 'v1' },
		});
		if (created.status !== 200) throw new Error(`Creating a workflow: HTTP ${created.status}`);
		everyOperationId = created.json.id;

		profileDir = mkdtempSync(join(tmpdir(), 'smscenter-chromium-'));
		context = await chromium.launchPersistentContext(profileDir, {
			executablePath: CHROMIUM,
			viewport: { width: 1400, height: 860 },
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
		});
		await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
			origin: demo.n8n.url,
		});
		page = context.pages()[0] ?? (await context.newPage());
		// Leaving a workflow with changes asks before unloading: leave.
		page.on('dialog', (dialog) => void dialog.accept());
		page.setDefaultTimeout(60_000);
		page.setDefaultNavigationTimeout(180_000);
		await page.goto(`${demo.n8n.url}/signin`, { waitUntil: 'domcontentloaded' });
		await page
			.locator('input[name="emailOrLdapLoginId"], input[type="email"]')
			.first()
			.fill(OWNER.email);
		await page
			.locator('input[name="password"], input[type="password"]')
			.first()
			.fill(OWNER.password);
		await page.keyboard.press('Enter');
		await page.waitForURL((url) => !url.pathname.includes('signin'), { timeout: 120_000 });
	}, 600_000);

	afterAll(async () => {
		await context?.close();
		await demo?.stop();
		for (const dir of [profileDir, workDir]) if (dir) rmSync(dir, { recursive: true, force: true });
	}, 120_000);

	let copied = '';

	it(
		'the trigger panel gives the complete address to copy, and names the statuses as a person reads them',
		async () =>
			await withDiagnostics('trigger', async () => {
				const trigger = demo.reports!.nodes.find((node) => node.webhookId)!;
				await openWorkflow(demo.reports!.id);
				await openNode('SMSCenter Trigger');
				await ndv().getByText('Webhook URLs').first().click();
				await ndv().getByText('Production URL', { exact: true }).click();
				await ndv().getByText(`/webhook/${trigger.webhookId}/delivery?`).click();
				copied = await page.evaluate(() => navigator.clipboard.readText());
				expect(copied).toBe(
					`${demo.n8n.url}/webhook/${trigger.webhookId}/delivery?${TOKEN_QUERY}&key=`,
				);
				await shot('trigger-panel.png');
				const statuses = ndv().getByTestId('parameter-input-statuses');
				await statuses.locator('.el-tag').first().waitFor();
				const chips = (
					await statuses.locator('.el-tag, .el-select__tags-text').allInnerTexts()
				).map((text) => text.trim());
				expect(chips).toEqual(
					expect.arrayContaining([
						'200 Failed',
						'400 Rejected',
						'600 Delivered',
						'700 Undelivered',
					]),
				);
				const panelText = await ndv().getByTestId('node-parameters').innerText();
				expect(internalTerms(panelText)).toEqual([]);
				await closeNode();
			}),
		420_000,
	);

	it(
		'runs the demo workflow "send one SMS"; its delivery reports reach the trigger through the copied address',
		async () =>
			await withDiagnostics('send-output', async () => {
				expect(copied).toContain('key=');
				demo.sandbox.setNotificationUrl('demo', `${copied}${DEMO_TRIGGER_SECRET}`);
				const before = new Set(
					(await executions(demo.reports!.id)).map((execution) => execution.id),
				);

				await openWorkflow('smsc-send-one');
				await page.getByTestId('execute-workflow-button').click();
				const message = await waitFor(
					'the SMS in the sandbox',
					async () => demo.sandbox.messages()[0],
				);
				await openNode('Send SMS');
				const output = ndv()
					.locator('[data-test-id="output-panel"], [data-test-id="ndv-output-panel"]')
					.first();
				await output.getByText(message.id).first().waitFor();
				expect(await output.innerText()).toContain('0541234560');
				await shot('send-output.png');
				await closeNode();

				const reports = await waitFor('the delivery report in the trigger workflow', async () => {
					const items = (await executions(demo.reports!.id))
						.filter((execution) => !before.has(execution.id))
						.flatMap((execution) =>
							(execution.data?.resultData.runData['SMSCenter Trigger'] ?? []).flatMap(
								(run) => run.data?.main[0]?.map((item) => item.json) ?? [],
							),
						)
						.filter((item) => item.messageId === message.id);
					return items.length > 0 ? items : undefined;
				});
				expect(reports[0]).toMatchObject({ valid: true, status: { code: 600, name: 'Delivered' } });
				const delivered = demo.sandbox
					.dlrAttempts()
					.filter((attempt) => attempt.messageId === message.id && attempt.ok);
				expect(delivered.length).toBeGreaterThan(0);
				for (const attempt of delivered)
					expect(attempt.url.startsWith(`${demo.n8n.url}/webhook/`)).toBe(true);
			}),
		420_000,
	);

	it(
		'shows each send option only where it applies: Price with Reverse Billing, the schedule as one choice',
		async () =>
			await withDiagnostics('send-options', async () => {
				await openWorkflow('smsc-send-one');
				await openNode('Send SMS');
				const push = await addOptionEntries();
				expect(push).toEqual(
					expect.arrayContaining(['SMS Type', 'Advertising Message', 'Expiration (Minutes)']),
				);
				for (const hidden of ['Price', 'Opt-Out Line', 'Delay (Minutes)', 'Send At'])
					expect(push).not.toContain(hidden);

				await addOptionButton().click();
				await chooseFromDropdown('Advertising Message');
				await ndv().getByTestId('parameter-input-advertising').locator('.el-switch').click();
				expect(await addOptionEntries()).toContain('Opt-Out Line');

				await addOptionButton().click();
				await chooseFromDropdown('SMS Type');
				await ndv().getByTestId('parameter-input-smsOperation').click();
				expect(await dropdownEntries()).toEqual(
					expect.arrayContaining([
						expect.stringContaining('Push'),
						expect.stringContaining('Reverse Billing'),
					]),
				);
				await chooseFromDropdown('Reverse Billing');
				const reverseBilling = await addOptionEntries();
				expect(reverseBilling).toContain('Price');
				await addOptionButton().click();
				await chooseFromDropdown('Price');
				await ndv().getByTestId('parameter-input-price').waitFor();

				await ndv().getByTestId('parameter-input-schedule').click();
				await chooseFromDropdown('At a Time');
				await ndv().getByTestId('parameter-input-sendAt').waitFor();
				expect(await ndv().getByTestId('parameter-input-delayMinutes').count()).toBe(0);
				await shot('send-panel.png');

				await ndv().getByTestId('parameter-input-smsOperation').click();
				await chooseFromDropdown('Push');
				await ndv().getByTestId('parameter-input-price').waitFor({ state: 'hidden' });
				expect(internalTerms(await ndv().getByTestId('node-parameters').innerText())).toEqual([]);
				await closeNode();
			}),
		420_000,
	);

	it(
		'subtitles read as a person reads them, and every operation is described without internal terms',
		async () =>
			await withDiagnostics('operations', async () => {
				await openWorkflow(everyOperationId);
				for (const [index, op] of OPERATIONS.entries()) {
					const node = canvasNode(`Operation ${index + 1}`);
					expect((await node.innerText()).split('\n').map((line) => line.trim())).toContain(
						op.subtitle,
					);
				}
				await openNode('Operation 1');
				const described: string[] = [];
				for (const resource of RESOURCES) {
					await ndv().getByTestId('parameter-input-resource').click();
					await chooseFromDropdown(resource);
					await ndv().getByTestId('parameter-input-operation').click();
					const entries = await dropdownEntries();
					await page.keyboard.press('Escape');
					for (const entry of entries) {
						const [name, ...description] = entry.split('\n').map((line) => line.trim());
						expect({ name, description: description.join(' ').length > 20 }).toEqual({
							name,
							description: true,
						});
						expect({ name, terms: internalTerms(entry) }).toEqual({ name, terms: [] });
						described.push(name);
					}
					expect({
						resource,
						parameters: internalTerms(await ndv().getByTestId('node-parameters').innerText()),
					}).toEqual({ resource, parameters: [] });
				}
				expect(described).toHaveLength(OPERATIONS.length);
			}),
		420_000,
	);
});
