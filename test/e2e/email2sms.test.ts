import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { PACKAGE_ROOT, type N8nInstance } from '../../scripts/n8n/instance';
import {
	idMaker,
	linearWorkflow,
	postWebhook,
	type NodeJson,
} from '../../scripts/n8n/workflowJson';
import { sandboxSmtpCredential } from '../../scripts/demo';
import { TOKEN_QUERY } from '../../nodes/SmsCenterTrigger/helpers/notification';
import { callWebhook, executions, firstItemOf, TestN8ns, waitFor } from './fixtures';
import { DLR_WEBHOOK_ID, DLR_WORKFLOW_ID, deliveryWorkflow } from './workflows';

/**
 * Email 2 SMS in a real n8n: n8n's own Send Email node (SMTP credential pointing at the sandbox's
 * receiver) sends the example workflow's mail; the sandbox turns it into an SMS, and its delivery
 * reports reach the SMSCenter Trigger in the same n8n.
 */
const SECRET = 'e2eMailDlrKey3k9m2p7q';
const EXAMPLE_WORKFLOW_ID = 'SmsCenterE2eMail1';
const CUSTOM_WORKFLOW_ID = 'SmsCenterE2eMail2';

/** The example workflow with its manual trigger replaced by a webhook, so a test can start it over HTTP. */
function exampleWorkflow() {
	const example = JSON.parse(
		readFileSync(join(PACKAGE_ROOT, 'examples', 'email-to-sms.json'), 'utf8'),
	) as { nodes: NodeJson[] };
	const sendEmail = example.nodes.find((node) => node.type === 'n8n-nodes-base.emailSend')!;
	return linearWorkflow(EXAMPLE_WORKFLOW_ID, 'E2E Email 2 SMS example', [
		postWebhook(idMaker('00000e01'), 'e2e-email2sms', 'firstEntryJson'),
		{ ...sendEmail, position: [200, 0] },
	]);
}

/** The same Send Email node with To, Subject and text taken from the request. */
function customWorkflow() {
	const base = exampleWorkflow().nodes[1];
	const sendEmail = {
		...base,
		id: idMaker('00000e02')(),
		webhookId: idMaker('00000e04')(),
		parameters: {
			...(base.parameters as object),
			toEmail: '={{ $json.body.to }}',
			subject: '={{ $json.body.subject }}',
			text: '={{ $json.body.text }}',
		},
	};
	return linearWorkflow(CUSTOM_WORKFLOW_ID, 'E2E Email 2 SMS from the request', [
		postWebhook(idMaker('00000e03'), 'e2e-email2sms-custom', 'firstEntryJson'),
		sendEmail,
	]);
}

describe("Email 2 SMS through n8n's Send Email node", () => {
	const instances = new TestN8ns('email2sms');
	let sandbox: Sandbox;
	let n8n: N8nInstance;

	/**
	 * n8n 2.40 registers a published workflow's webhooks a moment after the activation answers: a 404
	 * means nothing ran, so the call is made again until the webhook answers.
	 */
	const call = async (path: string, body: unknown) =>
		await waitFor(
			`the webhook ${path}`,
			async () => {
				const answer = await callWebhook<Record<string, unknown>>(n8n, path, body);
				return answer.status === 404 ? undefined : answer;
			},
			60_000,
		);

	beforeAll(async () => {
		sandbox = await startSandbox({ smtpPort: 0, timeScale: 1e-4 });
		({ n8n } = await instances.start({
			port: 5900,
			credentials: [sandboxSmtpCredential(sandbox.smtp!)],
			workflows: [exampleWorkflow(), customWorkflow(), deliveryWorkflow(SECRET)],
		}));
		sandbox.setNotificationUrl(
			'demo',
			`${n8n.url}/webhook/${DLR_WEBHOOK_ID}/delivery?key=${SECRET}&${TOKEN_QUERY}`,
		);
	}, 600_000);

	afterAll(async () => {
		await instances.cleanUp();
		await sandbox?.close();
	}, 120_000);

	beforeEach(() => sandbox.reset());

	it("the example's mail becomes an SMS, and its delivery report starts the SMSCenter Trigger", async () => {
		const response = await call('e2e-email2sms', {});
		expect(response.status).toBe(200);
		expect(response.json).toMatchObject({ accepted: ['0541234560@smscenter.co.il'], rejected: [] });
		expect(String(response.json.response)).toBe('250 OK: queued as SMS message 1000001');

		expect(sandbox.emails()).toEqual([
			expect.objectContaining({
				mailFrom: 'shop@example.com',
				rcptTo: ['0541234560@smscenter.co.il'],
				sender: 'MyShop',
				userName: 'demo',
				accepted: true,
			}),
		]);
		expect(sandbox.messages()).toEqual([
			expect.objectContaining({
				id: '1000001',
				kind: 'email',
				sender: 'MyShop',
				text: 'Your order #1042 has shipped.',
				segments: 1,
				recipients: [{ msisdn: '972541234560', status: 600, reason: 601 }],
			}),
		]);

		await waitFor('both reports acknowledged', () =>
			sandbox.dlrAttempts().filter((a) => a.ok).length === 2 ? true : undefined,
		);
		expect(sandbox.dlrAttempts().map((a) => [a.statusCode, a.httpStatus, a.body])).toEqual([
			[300, 200, '_OK_'],
			[600, 200, '_OK_'],
		]);
		const run = await waitFor("the delivery report's execution", async () =>
			(await executions(n8n, DLR_WORKFLOW_ID)).find((e) => e.status === 'success'),
		);
		const event = firstItemOf(run, 'SMSCenter Trigger');
		expect(event).toMatchObject({
			valid: true,
			messageId: '1000001',
			msisdnNormalised: '0541234560',
			status: expect.objectContaining({ code: 600, delivered: true }),
		});
	});

	it.each([
		[
			'a wrong password in the subject',
			{ to: '0541234560@smscenter.co.il', subject: 'demo not-the-password', text: 'Hi' },
			'550 Invalid Username or Password.',
		],
		[
			'an empty text',
			{ to: '0541234560@smscenter.co.il', subject: 'demo demo-api-key', text: ' ' },
			'550 The message cannot be empty.',
		],
		[
			'a recipient outside smscenter.co.il',
			{ to: 'someone@example.com', subject: 'demo demo-api-key', text: 'Hi' },
			'relaying denied',
		],
	])(
		"%s fails the Send Email node with the gateway's words, and nothing is sent",
		async (_label, body, words) => {
			const before = (await executions(n8n, CUSTOM_WORKFLOW_ID)).length;
			const response = await call('e2e-email2sms-custom', body);
			expect(response.status).toBe(500);
			const failed = await waitFor('the failed execution', async () => {
				const list = await executions(n8n, CUSTOM_WORKFLOW_ID);
				return list.length > before && list[0].status === 'error' ? list[0] : undefined;
			});
			const nodeError =
				failed.data!.resultData.runData[
					Object.keys(failed.data!.resultData.runData).find((name) => name !== 'Webhook')!
				][0].error;
			expect(nodeError?.message).toContain(words);
			expect(sandbox.messages()).toHaveLength(0);
		},
	);
});
