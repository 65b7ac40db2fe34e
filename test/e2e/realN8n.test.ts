import { request } from 'undici';
import type { Sandbox } from '../../sandbox/server';
import type { N8nInstance } from '../../scripts/n8n/instance';
import { reportBurst } from '../../scripts/n8n/deliveryReports';
import { TOKEN_QUERY } from '../../nodes/SmsCenterTrigger/helpers/notification';
import {
	callWebhook,
	expectCredentialTestsInSmsCenterWords,
	executions,
	firstItemOf,
	getAll,
	smsCenterCredential,
	startSandboxWithPassword,
	TestN8ns,
	waitFor,
} from './fixtures';
import {
	CREDENTIAL_ID,
	DLR_WEBHOOK_ID,
	DLR_WORKFLOW_ID,
	deliveryWorkflow,
	WEBHOOK_WORKFLOWS,
} from './workflows';

/** A password no other string in the run resembles, so a leak anywhere is found by plain search. */
const PASSWORD = 'Sms-E2E-7c1f4b9a-Secret';
const SECRET = 'e2eDlrKey5h8k2m4q7r9t';

describe('the package in a real n8n', () => {
	const instances = new TestN8ns('e2e');
	let sandbox: Sandbox;
	let n8n: N8nInstance;

	const call = async (path: string, body: unknown) => await callWebhook(n8n, path, body);

	beforeAll(async () => {
		sandbox = await startSandboxWithPassword(PASSWORD, { timeScale: 1e-4 });
		({ n8n } = await instances.start({
			port: 5690,
			logLevel: 'debug',
			credentials: [
				smsCenterCredential(
					{ id: CREDENTIAL_ID, name: 'SMSCenter sandbox' },
					sandbox.url,
					PASSWORD,
				),
			],
			workflows: [...WEBHOOK_WORKFLOWS, deliveryWorkflow(SECRET)],
		}));
	}, 600_000);

	afterAll(async () => {
		await instances.cleanUp();
		await sandbox?.close();
	}, 120_000);

	beforeEach(() => sandbox.reset());

	it("sends one SMS; a new credential's first request is the send itself", async () => {
		const response = await call('e2e-sms-send', {
			items: [{ to: '+972541234560', text: 'Hello from n8n' }],
		});
		expect(response.status).toBe(200);
		expect(response.json).toEqual([
			{
				status: 'OK',
				partial: false,
				messageId: '1000001',
				messageIds: ['1000001'],
				recipients: ['0541234560'],
				recipientCount: 1,
				encoding: 'GSM-7',
				characters: 14,
				segmentsPerRecipient: 1,
				totalSegments: 1,
				sender: 'MyShop',
				messageOption: 'Regular',
			},
		]);
		expect(sandbox.calls().map((c) => c.operation)).toEqual(['SendMessageReturnMessageID']);
		expect(new URLSearchParams(sandbox.calls()[0].body).get('SendToPhoneNumbers')).toBe(
			'0541234560',
		);
	});

	it('sends a bulk of 50 items with one text as one request, one output item per input item', async () => {
		const items = Array.from({ length: 50 }, (_, i) => ({
			to: `05412${String(34500 + i)}`,
			text: 'Store opens at 10',
		}));
		const response = await call('e2e-sms-send', { items });
		expect(response.json).toHaveLength(50);
		expect(response.json.map((item) => item.recipients)).toEqual(items.map((item) => [item.to]));
		expect(new Set(response.json.map((item) => item.messageId))).toEqual(new Set(['1000001']));
		const sends = sandbox.calls('SendMessageReturnMessageID');
		expect(sends).toHaveLength(1);
		expect(new URLSearchParams(sends[0].body).get('SendToPhoneNumbers')?.split(',')).toEqual(
			items.map((item) => item.to),
		);
	});

	it('sends through the simple URL API with chaining for a long text', async () => {
		const response = await call('e2e-sms-simple', { to: '054-1234561', text: 'z'.repeat(170) });
		expect(response.json).toEqual([
			{
				status: 'OK',
				messageId: null,
				messageIdNote: expect.stringMatching(/^The simple URL API returns no message ID/),
				recipients: ['0541234561'],
				recipientCount: 1,
				encoding: 'GSM-7',
				characters: 170,
				segmentsPerRecipient: 2,
				totalSegments: 2,
				sender: 'MyShop',
				enableChaining: true,
			},
		]);
		expect(sandbox.calls('pushsms')[0].body).toBe(
			`UserName=demo&Password=${PASSWORD}&Sender=MyShop&ToPhoneNumber=0541234561&Message=${'z'.repeat(170)}&EnableChaining=1`,
		);
	});

	it('places a voice call, then reads its responses', async () => {
		const response = await call('e2e-ivr', { to: '0541234560, 0541234567' });
		expect(
			response.json.map((row) => [
				row.mobile,
				(row.status as { name: string }).name,
				row.callLengthSeconds,
				row.response,
			]),
		).toEqual([
			['0541234560', 'IVRCallSuccess', 8, '2'],
			['0541234567', 'IVRCallNotSuccess', 0, null],
		]);
		expect(sandbox.calls().map((c) => c.operation)).toEqual([
			'SendIVRMessages',
			'GetMessagesResponseByMessageID',
		]);
	});

	it('reads the company balance and every user balance', async () => {
		const response = await call('e2e-balances', {});
		expect(response.json.map((row) => row.userName)).toEqual(['demo', 'marketing', 'retired']);
		expect(sandbox.calls().map((c) => c.operation)).toEqual([
			'CheckCompanyPrePaid',
			'CheckUsersPrePaid',
		]);
	});

	it('turns delivery reports into executions; refuses a wrong secret; starts a repeat only once', async () => {
		const before = (await executions(n8n, DLR_WORKFLOW_ID)).length;
		const productionUrl = `${n8n.url}/webhook/${DLR_WEBHOOK_ID}/delivery`;
		sandbox.setNotificationUrl('demo', `${productionUrl}?key=${SECRET}&${TOKEN_QUERY}`);
		await call('e2e-sms-send', {
			items: [
				{ to: '0541234560', text: 'A' },
				{ to: '0541234567', text: 'A' },
			],
		});

		await waitFor('four notifications acknowledged', () =>
			sandbox.dlrAttempts().filter((a) => a.ok).length === 4 ? true : undefined,
		);
		expect(sandbox.dlrAttempts().map((a) => [a.statusCode, a.httpStatus, a.body, a.error])).toEqual(
			expect.arrayContaining([
				[300, 200, '_OK_', undefined],
				[600, 200, '_OK_', undefined],
				[700, 200, '_OK_', undefined],
			]),
		);
		expect(
			sandbox
				.dlrAttempts()
				.filter((a) => !a.ok)
				.map((a) => [a.statusCode, a.httpStatus, a.body, a.error]),
		).toEqual([]);
		const runs = await waitFor('two executions', async () => {
			const list = (await executions(n8n, DLR_WORKFLOW_ID)).filter((e) => e.status === 'success');
			return list.length - before >= 2 ? list : undefined;
		});
		const events = runs.slice(0, 2).map((e) => firstItemOf(e, 'SMSCenter Trigger'));
		expect(
			events.map((e) => [(e.status as { code: number }).code, e.msisdnNormalised]).sort(),
		).toEqual([
			[600, '0541234560'],
			[700, '0541234567'],
		]);

		const delivered = sandbox.dlrAttempts().find((a) => a.statusCode === 600)!;
		const repeat = await request(delivered.url);
		expect(await repeat.body.text()).toBe('_OK_');
		const wrong = await request(delivered.url.replace(`key=${SECRET}`, 'key=guess'));
		expect(wrong.statusCode).toBe(401);
		expect(await wrong.body.text()).toBe('Unauthorized');
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect((await executions(n8n, DLR_WORKFLOW_ID)).length).toBe(before + 2);
	});

	it('a concurrent burst of 200 notifications with 40 repeats starts exactly 200 executions', async () => {
		const count = async () =>
			(await executions(n8n, DLR_WORKFLOW_ID, { includeData: false })).length;
		const before = await count();
		const burst = reportBurst(`${n8n.url}/webhook/${DLR_WEBHOOK_ID}/delivery`, SECRET, {
			firstId: 2_000_000,
			count: 200,
			repeats: 40,
		});
		const bodies = await getAll(burst, 40);
		expect(bodies.filter((body) => body === '_OK_')).toHaveLength(240);
		const total = await waitFor(
			"the burst's executions",
			async () => {
				const now = await count();
				return now - before >= 200 ? now : undefined;
			},
			60_000,
		);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		const settled = await count();
		expect(settled).toBe(total);
		expect(settled - before).toBe(200);
	});

	it("tests the credential through n8n: good login, then SMSCenter's words for a new one with a bad password", async () => {
		await expectCredentialTestsInSmsCenterWords(n8n, CREDENTIAL_ID, sandbox.url);
	});

	it("never writes the credential password to n8n's log or to execution data", async () => {
		const all = await executions(n8n);
		expect(all.length).toBeGreaterThan(5);
		expect(JSON.stringify(all)).not.toContain(PASSWORD);
		const log = n8n.log();
		expect(log.length).toBeGreaterThan(1000);
		expect(log).not.toContain(PASSWORD);
	});
});
