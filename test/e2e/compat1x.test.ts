import type { INodeProperties, INodeType } from 'n8n-workflow';
import { request } from 'undici';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { TOKEN_QUERY } from '../../nodes/SmsCenterTrigger/helpers/notification';
import {
	installN8n,
	isN8nInstalled,
	N8N_1X_VERSION,
	type N8nInstance,
} from '../../scripts/n8n/instance';
import { reportBurst, reportUrl } from '../../scripts/n8n/deliveryReports';
import { loadExamples, sandboxSmtpCredential, type ExampleWorkflow } from '../../scripts/demo';
import {
	idMaker,
	linearWorkflow,
	postWebhook,
	SEND_EACH_ITEM,
	smsCenterNode,
	splitItems,
	type NodeJson,
} from '../../scripts/n8n/workflowJson';
import { loadBuilt } from '../harness/packageTypes';
import {
	callWebhook,
	expectCredentialTestsInSmsCenterWords,
	executions as storedExecutions,
	getAll,
	smsCenterCredential,
	TestN8ns,
	triggerCredential,
	waitFor,
} from './fixtures';
import { CREDENTIAL_ID } from './workflows';
import { expectRetryAfterHttp500SendsEachTextOnce, retryWorkflow } from './sendWorkflows';

/**
 * The compatibility subset on the n8n 1.x line (the rest of the real-n8n suite runs on 2.x): the
 * packed package installed the way users install it, the demo workflows, every operation against
 * the sandbox, the trigger with a burst of delivery reports and repeats, the credential test
 * through REST, Retry On Fail and Continue On Fail.
 *
 * It installs n8n 1.x into the shared cache when it is missing (a few minutes, once), unless
 * SMSCENTER_SKIP_N8N_1X=1 says to skip it instead.
 */
const VERSION = N8N_1X_VERSION;
const SKIP = !isN8nInstalled(VERSION) && process.env.SMSCENTER_SKIP_N8N_1X === '1';
if (SKIP)
	console.warn(
		`Skipping the n8n ${VERSION} compatibility subset: n8n ${VERSION} is not installed and SMSCENTER_SKIP_N8N_1X=1. Install it with \`npm run n8n:install -- ${VERSION}\`.`,
	);

const PORT = 6200;
/** Nothing listens here: the port of a credential whose gateway cannot be reached. */
const CLOSED_PORT = 6209;
const DEMO = { id: 'smscenter-demo', name: 'SMSCenter sandbox' };
const TRIGGER_SECRET = 'compat-delivery-report-secret-01';
const UNREACHABLE = { id: 'SmsCenterCompatOff', name: 'SMSCenter unreachable' };
const CONTINUE_WORKFLOW_ID = 'SmsCenterCompatCof';
const UNREACHABLE_WORKFLOW_ID = 'SmsCenterCompatNet';

const uuid = idMaker('62000000');

/** An example with its manual or schedule trigger replaced by a webhook of the same name, so a test starts it over HTTP. */
function startedByWebhook(example: ExampleWorkflow): ExampleWorkflow {
	const nodes = (example.nodes as unknown as NodeJson[]).map((node) =>
		node.type === 'n8n-nodes-base.manualTrigger' || node.type === 'n8n-nodes-base.scheduleTrigger'
			? {
					...postWebhook(uuid, `compat-${example.id}`, 'allEntries'),
					name: node.name,
					position: node.position,
				}
			: node,
	);
	return { ...example, nodes } as unknown as ExampleWorkflow;
}

const sendSms = (credential: { id: string; name: string }) =>
	smsCenterNode(uuid, 'Send SMS', 400, { ...SEND_EACH_ITEM, options: {} }, credential, {
		onError: 'continueRegularOutput',
	});

/** The SMSCenter operations the sandbox sees for each demo workflow started over HTTP. */
const EXAMPLE_CALLS: Record<string, string[]> = {
	'smsc-broadcast': ['SendMessageReturnMessageID'],
	'smsc-balance': ['CheckCompanyPrePaid', 'CheckUsersPrePaid'],
	'smsc-estimate': ['CheckCompanyPrePaid'],
	'smsc-ivr': ['SendIVRMessages', 'GetMessagesResponseByMessageID'],
	'smsc-personalised': [
		'CheckCompanyPrePaid',
		'SendMessageReturnMessageID',
		'SendMessageReturnMessageID',
		'SendMessageReturnMessageID',
	],
	'smsc-send-one': ['SendMessageReturnMessageID'],
	'smsc-simple': ['pushsms'],
	'smsc-email-to-sms': [],
	'smsc-quiet-hours': ['SendMessageReturnMessageID'],
};

(SKIP ? describe.skip : describe)(`the package in n8n ${VERSION} (the 1.x line)`, () => {
	const instances = new TestN8ns('compat1x');
	let sandbox: Sandbox;
	let n8n: N8nInstance;
	// The delivery-record examples need PostgreSQL tables of their own; they are not part of this subset.
	const examples = loadExamples().filter(
		(example) => !example.nodes.some((node) => node.type === 'n8n-nodes-base.postgres'),
	);
	const started = examples
		.filter((example) =>
			example.nodes.some(
				(node) =>
					node.type === 'n8n-nodes-base.manualTrigger' ||
					node.type === 'n8n-nodes-base.scheduleTrigger',
			),
		)
		.map(startedByWebhook);
	const reports = examples.find((example) =>
		example.nodes.some((node) => node.type === 'n8n-nodes-smscenter.smsCenterTrigger'),
	)!;
	const reportsWebhookId = reports.nodes.find(
		(node) => node.type === 'n8n-nodes-smscenter.smsCenterTrigger',
	)!.webhookId!;
	const reportsUrl = () => `${n8n.url}/webhook/${reportsWebhookId}/delivery`;

	const post = async (path: string, body: unknown) => await callWebhook(n8n, path, body);
	const executions = async (workflowId: string, includeData = false) =>
		await storedExecutions(n8n, workflowId, { includeData });

	beforeAll(async () => {
		sandbox = await startSandbox({ smtpPort: 0, timeScale: 1e-4 });
		const credentials = [
			smsCenterCredential(DEMO, sandbox.url),
			smsCenterCredential({ id: CREDENTIAL_ID, name: 'SMSCenter sandbox' }, sandbox.url),
			smsCenterCredential(UNREACHABLE, `http://127.0.0.1:${CLOSED_PORT}`),
			triggerCredential('smscenter-demo-trigger', TRIGGER_SECRET),
			sandboxSmtpCredential(sandbox.smtp!),
		];
		const own = [
			retryWorkflow,
			linearWorkflow(CONTINUE_WORKFLOW_ID, 'Send with Continue On Fail', [
				postWebhook(uuid, 'compat-continue', 'allEntries'),
				splitItems(uuid),
				sendSms(DEMO),
			]),
			linearWorkflow(UNREACHABLE_WORKFLOW_ID, 'Send to an unreachable gateway', [
				postWebhook(uuid, 'compat-unreachable', 'allEntries'),
				splitItems(uuid),
				sendSms(UNREACHABLE),
			]),
		];
		({ n8n } = await instances.start({
			port: PORT,
			home: installN8n(VERSION),
			credentials,
			workflows: [...started, reports, ...own],
		}));
	}, 900_000);

	afterAll(async () => {
		await instances.cleanUp();
		await sandbox?.close();
	}, 120_000);

	beforeEach(() => sandbox.reset());

	it('runs on the version it names', () => {
		expect(n8n.cli(['--version'])).toMatch(new RegExp(`^${VERSION.replace(/\./g, '\\.')}$`, 'm'));
	});

	it('the demo workflows together use every operation of the SMSCenter node', () => {
		const node = loadBuilt<INodeType>('nodes/SmsCenter/SmsCenter.node.js', 'SmsCenter');
		const operations = node.description.properties
			.filter((p: INodeProperties) => p.name === 'operation')
			.flatMap((p) =>
				(p.options as Array<{ value: string }>).map(
					(o) => `${(p.displayOptions?.show?.resource as string[])[0]}.${o.value}`,
				),
			);
		const used = examples.flatMap((example) =>
			example.nodes
				.filter((n) => n.type === 'n8n-nodes-smscenter.smsCenter')
				.map((n) => `${n.parameters.resource as string}.${n.parameters.operation as string}`),
		);
		expect(operations.length).toBeGreaterThanOrEqual(7);
		expect([...new Set(used)].sort()).toEqual([...new Set(operations)].sort());
		expect(Object.keys(EXAMPLE_CALLS).sort()).toEqual(started.map((w) => w.id).sort());
	});

	it.each(Object.keys(EXAMPLE_CALLS))(
		'the demo workflow %s runs against the sandbox',
		async (id) => {
			const response = await post(`compat-${id}`, {});
			expect(response.status).toBe(200);
			expect(response.json.length).toBeGreaterThan(0);
			expect(response.json.filter((item) => 'error' in item)).toEqual([]);
			expect(sandbox.calls().map((c) => c.operation)).toEqual(EXAMPLE_CALLS[id]);
			const runs = await waitFor(`the execution of ${id}`, async () => {
				const list = await executions(id);
				return list.length > 0 ? list : undefined;
			});
			expect(runs.map((run) => run.status)).toEqual(['success']);
			if (id === 'smsc-email-to-sms')
				expect(sandbox.messages()).toEqual([
					expect.objectContaining({ kind: 'email', sender: 'MyShop' }),
				]);
			if (id === 'smsc-send-one')
				expect(response.json).toEqual([
					expect.objectContaining({
						status: 'OK',
						messageId: '1000001',
						recipients: ['0541234560'],
					}),
				]);
			if (id === 'smsc-estimate')
				expect(response.json).toEqual([
					expect.objectContaining({ recipientCount: 3, encoding: 'UCS-2' }),
				]);
		},
		120_000,
	);

	it("the delivery report demo workflow logs the sandbox's reports; a wrong secret is refused", async () => {
		const before = (await executions(reports.id)).length;
		sandbox.setNotificationUrl('demo', `${reportsUrl()}?key=${TRIGGER_SECRET}&${TOKEN_QUERY}`);
		await post('compat-smsc-send-one', {});
		await waitFor('the notifications acknowledged', () =>
			sandbox.dlrAttempts().filter((a) => a.ok).length >= 2 ? true : undefined,
		);
		// The sandbox lists each attempt as it ends, so the two may come in either order.
		expect(
			sandbox
				.dlrAttempts()
				.map((a) => [a.statusCode, a.httpStatus, a.body])
				.sort(),
		).toEqual([
			[300, 200, '_OK_'],
			[600, 200, '_OK_'],
		]);
		const runs = await waitFor('the execution of the final report', async () => {
			const list = (await executions(reports.id, true)).filter((e) => e.status === 'success');
			return list.length > before ? list : undefined;
		});
		expect(JSON.stringify(runs[0].data?.resultData.runData['Log line'])).toMatch(
			/ 1000001 0541234560 Delivered/,
		);
		const wrong = await request(
			`${reportsUrl()}?key=guess&MsgID=1000001&MSISDN=972541234560&StatusCode=600`,
		);
		expect(wrong.statusCode).toBe(401);
		expect(await wrong.body.text()).toBe('Unauthorized');
	});

	it('a concurrent burst of 100 delivery reports with 25 repeats starts exactly 100 executions', async () => {
		const before = (await executions(reports.id)).length;
		const burst = reportBurst(reportsUrl(), TRIGGER_SECRET, {
			firstId: 7_000_000,
			count: 100,
			repeats: 25,
		});
		const bodies = await getAll(burst, 25);
		expect(bodies.filter((body) => body === '_OK_')).toHaveLength(125);
		const total = await waitFor(
			"the burst's executions",
			async () => {
				const count = (await executions(reports.id)).length;
				return count - before >= 100 ? count : undefined;
			},
			90_000,
		);
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect((await executions(reports.id)).length).toBe(total);
		expect(total - before).toBe(100);

		// The memory of reports taken is in the workflow's static data: after a restart, repeats of the
		// burst's reports are acknowledged and start nothing.
		await n8n.stop();
		await n8n.start();
		await waitFor('the trigger registered again', async () => {
			const probe = await request(`${reportsUrl()}?key=guess`);
			await probe.body.text();
			return probe.statusCode === 401 ? true : undefined;
		});
		const repeats = await getAll(
			Array.from({ length: 25 }, (_, i) => reportUrl(reportsUrl(), TRIGGER_SECRET, 7_000_050 + i)),
			25,
		);
		expect(repeats.filter((body) => body === '_OK_')).toHaveLength(25);
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect((await executions(reports.id)).length).toBe(total);
	}, 240_000);

	it("tests the credential through n8n's REST API: a good login passes, a wrong password fails in SMSCenter's words", async () => {
		await expectCredentialTestsInSmsCenterWords(n8n, DEMO.id, sandbox.url);
		// Each test asks for the company balance, and for nothing else.
		expect([...new Set(sandbox.calls().map((c) => c.operation))]).toEqual(['CheckCompanyPrePaid']);
	});

	it('Retry On Fail after HTTP 500 on the second request: the gateway sees each text once', async () => {
		await expectRetryAfterHttp500SendsEachTextOnce(n8n, sandbox);
	});

	it('Continue On Fail: a bad item becomes an error item naming the item and the field, the others are sent', async () => {
		const response = await post('compat-continue', {
			items: [
				{ to: '0541234560', text: 'one' },
				{ to: 'not-a-number', text: 'two' },
				{ to: '0541234561', text: 'three' },
			],
		});
		expect(response.json.map((item) => item.error ?? item.status)).toEqual([
			'OK',
			'Item 2: Recipients: invalid phone number "not-a-number" (only digits, spaces, dashes, dots, brackets and a leading + are allowed)',
			'OK',
		]);
		expect(sandbox.messages().map((m) => m.text)).toEqual(['one', 'three']);
	});

	it('Continue On Fail with an unreachable gateway: the error says the connection was refused and nothing was sent', async () => {
		const response = await post('compat-unreachable', {
			items: [{ to: '0541234560', text: 'one' }],
		});
		expect(response.json).toHaveLength(1);
		expect(response.json[0].error).toMatch(
			/^Could not reach SMSCenter \(.+\): the connection was refused$/,
		);
		expect(String(response.json[0].errorDescription)).toMatch(/^ECONNREFUSED: /);
		expect(String(response.json[0].errorDescription)).toContain('Nothing was sent');
	});
});
