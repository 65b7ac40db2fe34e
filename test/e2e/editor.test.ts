import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, selectors, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, signInToN8n } from '../../scripts/n8n/browser';
import { PACKAGE_ROOT } from '../../scripts/n8n/instance';
import { DEMO_TRIGGER_SECRET, startDemo, type Demo } from '../../scripts/demo';
import { TOKEN_QUERY } from '../../nodes/SmsCenterTrigger/helpers/notification';
import { waitFor } from './fixtures';

/**
 * The package in n8n's editor as a user meets it: Debian's Chromium (headless) against a real n8n with
 * the packed package, the sandbox and the demo workflows of `npm start`. It copies the trigger's ready
 * address and proves that the sandbox's reports reach the workflow through it, runs a demo workflow,
 * and checks the options each SMS type shows, the subtitles, the status names and the operations'
 * descriptions. Screenshots go to a temporary folder, or to docs/ (the README's) with UPDATE_SCREENSHOTS=1.
 */
// n8n also takes the next port (its task broker) and, while the demo is imported, the port + 3.
const N8N_PORT = 6600;
const SANDBOX_PORT = 6604;
const SMTP_PORT = 6605;
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

/** Where a failing step leaves the page's picture and HTML (never docs/), made at the first failure. */
let diagnostics = process.env.EDITOR_DIAGNOSTICS;

/** The demo workflow whose trigger receives the delivery reports (it needs no database). */
const REPORTS_WORKFLOW = 'smsc-dlr';

describe("the package in n8n's editor (Chromium)", () => {
	let demo: Demo;
	let context: BrowserContext;
	let page: Page;
	let profileDir: string;
	let workDir: string;
	let everyOperationId: string;
	let sendOptionsId: string;

	const shot = async (name: string) => {
		mkdirSync(SCREENSHOTS, { recursive: true });
		// Transitions (a toast sliding in, a chevron turning) are shown at their end.
		await page.screenshot({ path: join(SCREENSHOTS, name), animations: 'disabled' });
	};
	const ndv = () => page.getByTestId('ndv');
	/** Runs a test's steps; on failure, keeps a screenshot and the page's HTML. */
	const withDiagnostics = async (name: string, steps: () => Promise<void>) => {
		try {
			await steps();
		} catch (error) {
			diagnostics ??= mkdtempSync(join(tmpdir(), 'smscenter-editor-failures-'));
			mkdirSync(diagnostics, { recursive: true });
			await page.screenshot({ path: join(diagnostics, `${name}.png`) }).catch(() => undefined);
			const html = await page.content().catch(() => '');
			writeFileSync(join(diagnostics, `${name}.html`), html);
			process.stderr.write(`${name} failed: see ${diagnostics}/${name}.png and .html\n`);
			throw error;
		}
	};
	const canvasNode = (name: string) =>
		page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
	const openWorkflow = async (id: string, firstNode: string) => {
		await page.goto(`${demo.n8n.url}/workflow/${id}`, { waitUntil: 'domcontentloaded' });
		// The editor's first paint of a workflow can take a minute on a busy 2-core machine.
		await canvasNode(firstNode).waitFor({ timeout: 180_000 });
	};
	/** Opens a node's panel with one double click (a second one would land on the open panel). */
	const openNode = async (name: string) => {
		await canvasNode(name).dblclick();
		await ndv().getByTestId('node-parameters').waitFor({ timeout: 60_000 });
	};
	const closeNode = async () => {
		await page.getByTestId('ndv-close-button').click();
		await ndv().waitFor({ state: 'hidden' });
	};
	/**
	 * Opens a select (a parameter's, or a collection's "Add Option") and returns its entries: only this
	 * select's, found through the list its input controls, since another select's list may still be
	 * fading out and counts as visible meanwhile.
	 */
	const openSelect = async (field: Locator) => {
		await field.click();
		const list = await field
			.locator('input[role="combobox"]')
			.first()
			.getAttribute('aria-controls');
		const entries = page.locator(`[id="${list}"] [role="option"]`);
		await entries.first().waitFor();
		return entries;
	};
	/** Each entry's text: its name, and its description on the next line. */
	const textsOf = async (entries: Locator) =>
		(await entries.allInnerTexts()).map((text) => text.trim());
	const closeSelect = async (entries: Locator) => {
		await page.keyboard.press('Escape');
		await entries.first().waitFor({ state: 'hidden' });
	};
	const parameter = (name: string) => ndv().getByTestId(`parameter-input-${name}`);
	/** A select's entries, read and closed again. */
	const entriesOf = async (field: Locator) => {
		const entries = await openSelect(field);
		const texts = await textsOf(entries);
		await closeSelect(entries);
		return texts;
	};
	/** Chooses the entry whose name (its first line) is `name`. */
	const choose = async (field: Locator, name: string) => {
		const entries = await openSelect(field);
		const index = (await textsOf(entries)).findIndex((text) => text.split('\n')[0] === name);
		if (index < 0) throw new Error(`No entry "${name}" in the select`);
		await entries.nth(index).click();
		await entries.first().waitFor({ state: 'hidden' });
	};
	/** The Options collection's "Add Option" (the Connection collection has its own). */
	const addOptionButton = () =>
		ndv()
			.getByTestId('collection-parameter-add')
			.filter({ has: page.locator('input[placeholder="Add Option"]') });
	const executions = async (workflowId: string) =>
		(
			await demo.n8n.api<{ data: Execution[] }>(
				'GET',
				`/executions?workflowId=${workflowId}&includeData=true&limit=100`,
			)
		).json.data;
	const createWorkflow = async (name: string, nodes: unknown[]) => {
		const created = await demo.n8n.api<{ id: string }>('POST', '/workflows', {
			name,
			nodes,
			connections: {},
			settings: { executionOrder: 'v1' },
		});
		if (created.status !== 200) throw new Error(`Creating "${name}": HTTP ${created.status}`);
		return created.json.id;
	};

	beforeAll(async () => {
		// n8n marks its elements with data-test-id, not Playwright's default data-testid.
		selectors.setTestIdAttribute('data-test-id');
		workDir = mkdtempSync(join(tmpdir(), 'smscenter-editor-'));
		demo = await startDemo({
			sandboxPort: SANDBOX_PORT,
			n8nPort: N8N_PORT,
			smtpPort: SMTP_PORT,
			workDir,
		});
		if (demo.reports?.id !== REPORTS_WORKFLOW) await demo.n8n.activate(REPORTS_WORKFLOW);
		everyOperationId = await createWorkflow(
			'SMSCenter: every operation',
			OPERATIONS.map((op, index) => ({
				id: `operation-${index}`,
				name: `Operation ${index + 1}`,
				type: 'n8n-nodes-smscenter.smsCenter',
				typeVersion: 1.1,
				position: [(index % 4) * 260, Math.floor(index / 4) * 200],
				parameters: { resource: op.resource, operation: op.operation },
			})),
		);
		// The options are tried on a workflow of their own: n8n saves each change, and the demo
		// workflows stay as `npm start` imports them.
		sendOptionsId = await createWorkflow('SMSCenter: send options', [
			{
				id: 'send',
				name: 'Send SMS',
				type: 'n8n-nodes-smscenter.smsCenter',
				typeVersion: 1.1,
				position: [0, 0],
				parameters: {
					resource: 'sms',
					operation: 'send',
					recipients: '054-1234560',
					message: 'Your order #1042 has shipped.',
					senderName: 'MyShop',
				},
				credentials: { smsCenterApi: { id: 'smscenter-demo', name: 'SMSCenter sandbox' } },
			},
		]);

		profileDir = mkdtempSync(join(tmpdir(), 'smscenter-chromium-'));
		context = await chromium.launchPersistentContext(profileDir, {
			executablePath: CHROMIUM_PATH,
			viewport: { width: 1400, height: 860 },
			args: CHROMIUM_ARGS,
		});
		await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
			origin: demo.n8n.url,
		});
		page = context.pages()[0] ?? (await context.newPage());
		// Leaving a workflow with changes asks before unloading: leave.
		page.on('dialog', (dialog) => void dialog.accept());
		page.setDefaultTimeout(60_000);
		page.setDefaultNavigationTimeout(180_000);
		await signInToN8n(page, demo.n8n.url);
	}, 600_000);

	afterAll(async () => {
		process.stderr.write(`Screenshots of the editor: ${SCREENSHOTS}\n`);
		await context?.close();
		await demo?.stop();
		for (const dir of [profileDir, workDir]) if (dir) rmSync(dir, { recursive: true, force: true });
	}, 120_000);

	let copied = '';

	it(
		'the trigger panel gives the complete address to copy, and names the statuses as a person reads them',
		async () =>
			await withDiagnostics('trigger', async () => {
				const workflow = demo.examples.find((example) => example.id === REPORTS_WORKFLOW)!;
				const trigger = workflow.nodes.find((node) => node.webhookId)!;
				await openWorkflow(REPORTS_WORKFLOW, 'SMSCenter Trigger');
				await openNode('SMSCenter Trigger');
				await ndv().getByText('Webhook URLs').first().click();
				await ndv().getByText('Production URL', { exact: true }).click();
				const address = ndv().getByText(`/webhook/${trigger.webhookId}/delivery?`);
				// One address is shown: the one to copy.
				expect(await address.count()).toBe(1);
				await address.click();
				await page.getByText('URL copied').waitFor();
				copied = await waitFor(
					'the copied address',
					async () => {
						const text = await page.evaluate(() => navigator.clipboard.readText());
						return text ? text : undefined;
					},
					90_000,
				);
				expect(copied).toBe(
					`${demo.n8n.url}/webhook/${trigger.webhookId}/delivery?${TOKEN_QUERY}&key=`,
				);
				await shot('trigger-panel.png');
				const chips = await ndv()
					.getByTestId('parameter-input-statuses')
					.locator('.el-select__tags-text')
					.allInnerTexts();
				expect(chips.map((text) => text.trim())).toEqual([
					'200 Failed',
					'400 Rejected',
					'600 Delivered',
					'700 Undelivered',
				]);
				const panelText = await ndv().getByTestId('node-parameters').innerText();
				expect(internalTerms(panelText)).toEqual([]);
				await closeNode();
			}),
		420_000,
	);

	it(
		'runs the demo workflow "send one SMS" and reads its output; its delivery reports reach the trigger through the copied address',
		async () =>
			await withDiagnostics('send-output', async () => {
				expect(copied).toContain('key=');
				// The sandbox, like SMSCenter, calls the address it had when the SMS was sent.
				demo.sandbox.setNotificationUrl('demo', `${copied}${DEMO_TRIGGER_SECRET}`);
				const before = new Set(
					(await executions(REPORTS_WORKFLOW)).map((execution) => execution.id),
				);

				await openWorkflow('smsc-send-one', 'Send SMS');
				await page.getByTestId('execute-workflow-button').click();
				const message = await waitFor(
					'the SMS in the sandbox',
					async () => demo.sandbox.messages().at(-1),
					90_000,
				);
				await openNode('Send SMS');
				const output = ndv().getByTestId('output-panel');
				await output.getByText(message.id).first().waitFor();
				// The JSON view shows every field of the item in the panel's width.
				await output.getByRole('radio', { name: 'JSON' }).click();
				await output.getByText('"recipients"').first().waitFor();
				const outputText = await output.innerText();
				expect(outputText).toContain('0541234560');
				expect(outputText).toContain('MyShop');
				await shot('send-output.png');
				await closeNode();

				const reports = await waitFor(
					'the delivery report in the trigger workflow',
					async () => {
						const items = (await executions(REPORTS_WORKFLOW))
							.filter((execution) => !before.has(execution.id))
							.flatMap((execution) =>
								(execution.data?.resultData.runData['SMSCenter Trigger'] ?? []).flatMap(
									(run) => run.data?.main[0]?.map((item) => item.json) ?? [],
								),
							)
							.filter((item) => item.messageId === message.id);
						return items.length > 0 ? items : undefined;
					},
					90_000,
				);
				expect(reports[0]).toMatchObject({ valid: true, status: { code: 600, name: 'Delivered' } });
				const delivered = demo.sandbox
					.dlrAttempts()
					.filter((attempt) => attempt.messageId === message.id && attempt.ok);
				expect(delivered.length).toBeGreaterThan(0);
				for (const attempt of delivered)
					expect(attempt.url.startsWith(copied.slice(0, copied.indexOf('?') + 1))).toBe(true);
			}),
		420_000,
	);

	it(
		'shows each send option only where it applies: Price with Reverse Billing, the schedule as one choice',
		async () =>
			await withDiagnostics('send-options', async () => {
				await openWorkflow(sendOptionsId, 'Send SMS');
				await openNode('Send SMS');
				const push = await entriesOf(addOptionButton());
				expect(push).toEqual(
					expect.arrayContaining(['SMS Type', 'Advertising Message', 'Expiration (Minutes)']),
				);
				for (const hidden of ['Price', 'Opt-Out Line', 'Delay (Minutes)', 'Send At'])
					expect(push).not.toContain(hidden);

				await choose(addOptionButton(), 'Advertising Message');
				await parameter('advertising').locator('.el-switch').click();
				expect(await entriesOf(addOptionButton())).toContain('Opt-Out Line');

				await choose(addOptionButton(), 'SMS Type');
				expect(await entriesOf(parameter('smsOperation'))).toEqual([
					expect.stringMatching(/^Push\n/),
					expect.stringMatching(/^Pull\n/),
					expect.stringMatching(/^Reverse Billing\n/),
				]);
				await choose(parameter('smsOperation'), 'Reverse Billing');
				expect(await entriesOf(addOptionButton())).toContain('Price');
				await choose(addOptionButton(), 'Price');
				await parameter('price').waitFor();

				expect(await entriesOf(parameter('schedule'))).toEqual([
					expect.stringMatching(/^Now\n/),
					expect.stringMatching(/^After a Delay\n/),
					expect.stringMatching(/^At a Time\n/),
				]);
				await choose(parameter('schedule'), 'At a Time');
				await parameter('sendAt').waitFor();
				expect(await parameter('delayMinutes').count()).toBe(0);
				await parameter('smsOperation').scrollIntoViewIfNeeded();
				await shot('send-panel.png');

				await choose(parameter('smsOperation'), 'Push');
				await parameter('price').waitFor({ state: 'detached' });
				expect(await entriesOf(addOptionButton())).not.toContain('Price');
				expect(internalTerms(await ndv().getByTestId('node-parameters').innerText())).toEqual([]);
				await closeNode();
			}),
		420_000,
	);

	it(
		'subtitles read as a person reads them, and every operation is described without internal terms',
		async () =>
			await withDiagnostics('operations', async () => {
				await openWorkflow(everyOperationId, 'Operation 1');
				for (const [index, op] of OPERATIONS.entries()) {
					const node = canvasNode(`Operation ${index + 1}`);
					expect((await node.innerText()).split('\n').map((line) => line.trim())).toEqual([
						`Operation ${index + 1}`,
						op.subtitle,
					]);
				}
				await openNode('Operation 1');
				const described: string[] = [];
				for (const resource of RESOURCES) {
					await choose(parameter('resource'), resource);
					const entries = await entriesOf(parameter('operation'));
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
				await closeNode();
			}),
		420_000,
	);
});
