import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { loadDefaultFixture, startSandbox, type Sandbox } from '../../sandbox/server';
import {
	createPostgresDatabase,
	dropPostgresDatabase,
	installPackageInto,
	N8nInstance,
} from '../../scripts/n8n/instance';
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
const TOKENS =
	'MsgID={MsgID}&MSISDN={MSISDN}&StatusCode={StatusCode}&StatusDes={StatusDes}&ReasonCode={ReasonCode}&ReasonDes={ReasonDes}&Date={Dlr_ddmmyyyhhmmss}';
const DATABASE = `smscenter_e2e_${process.pid}`;

interface Execution {
	id: string;
	status: string;
	workflowId: string;
	data?: {
		resultData: {
			runData: Record<
				string,
				Array<{ data?: { main: Array<Array<{ json: Record<string, unknown> }>> } }>
			>;
		};
	};
}

async function waitFor<T>(
	what: string,
	check: () => Promise<T | undefined> | T | undefined,
	ms = 30_000,
): Promise<T> {
	const until = Date.now() + ms;
	for (;;) {
		const value = await check();
		if (value !== undefined) return value;
		if (Date.now() > until) throw new Error(`${what}: not reached in ${ms} ms`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

describe('the package in a real n8n', () => {
	let sandbox: Sandbox;
	let n8n: N8nInstance;
	let workDir: string;

	const call = async (path: string, body: unknown) => {
		const response = await request(`${n8n.url}/webhook/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		return {
			status: response.statusCode,
			json: (await response.body.json()) as Array<Record<string, unknown>>,
		};
	};
	const executions = async (workflowId: string) =>
		(
			await n8n.api<{ data: Execution[] }>(
				'GET',
				`/executions?workflowId=${workflowId}&includeData=true&limit=250`,
			)
		).json.data;

	beforeAll(async () => {
		const fixture = loadDefaultFixture();
		fixture.companies[0].users[0].password = PASSWORD;
		sandbox = await startSandbox({ fixture, timeScale: 1e-4 });
		workDir = mkdtempSync(join(tmpdir(), 'smscenter-e2e-'));
		createPostgresDatabase(DATABASE);
		n8n = new N8nInstance({
			workDir,
			port: 5690,
			database: { type: 'postgres', name: DATABASE },
			logLevel: 'debug',
		});
		installPackageInto(n8n.userFolder, workDir);
		n8n.importCredentials([
			{
				id: CREDENTIAL_ID,
				name: 'SMSCenter sandbox',
				type: 'smsCenterApi',
				data: {
					username: 'demo',
					password: PASSWORD,
					baseUrl: sandbox.url,
					allowInsecureHttp: false,
					protocol: 'httpPost',
				},
			},
		]);
		n8n.importWorkflows([...WEBHOOK_WORKFLOWS, deliveryWorkflow(SECRET)]);
		await n8n.start();
		for (const workflow of [...WEBHOOK_WORKFLOWS, deliveryWorkflow(SECRET)])
			await n8n.activate(workflow.id);
	}, 600_000);

	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.close();
		dropPostgresDatabase(DATABASE);
		if (workDir) rmSync(workDir, { recursive: true, force: true });
	}, 60_000);

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
		const before = (await executions(DLR_WORKFLOW_ID)).length;
		const productionUrl = `${n8n.url}/webhook/${DLR_WEBHOOK_ID}/delivery`;
		sandbox.setNotificationUrl('demo', `${productionUrl}?key=${SECRET}&${TOKENS}`);
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
			const list = (await executions(DLR_WORKFLOW_ID)).filter((e) => e.status === 'success');
			return list.length - before >= 2 ? list : undefined;
		});
		const events = runs
			.slice(0, 2)
			.map((e) => e.data!.resultData.runData['SMSCenter Trigger'][0].data!.main[0][0].json);
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
		expect((await executions(DLR_WORKFLOW_ID)).length).toBe(before + 2);
	});

	it('a concurrent burst of 200 notifications with 40 repeats starts exactly 200 executions', async () => {
		const before = (await executions(DLR_WORKFLOW_ID)).length;
		const base = `${n8n.url}/webhook/${DLR_WEBHOOK_ID}/delivery`;
		const unique = Array.from(
			{ length: 200 },
			(_, i) =>
				`${base}?${new URLSearchParams({ key: SECRET, MsgID: String(2000000 + i), MSISDN: '972541234560', StatusCode: '600', StatusDes: 'Delivered', ReasonCode: '601', ReasonDes: 'Message delivered', Date: '25112026093000' })}`,
		);
		const burst = [...unique, ...unique.slice(0, 40)].sort(() => Math.random() - 0.5);
		const bodies: string[] = [];
		for (let i = 0; i < burst.length; i += 40) {
			const answers = await Promise.all(
				burst.slice(i, i + 40).map(async (url) => (await request(url)).body.text()),
			);
			bodies.push(...answers);
		}
		expect(bodies.filter((body) => body === '_OK_')).toHaveLength(240);
		const total = await waitFor(
			"the burst's executions",
			async () => {
				const count = (
					await n8n.api<{ data: Execution[] }>(
						'GET',
						`/executions?workflowId=${DLR_WORKFLOW_ID}&limit=250`,
					)
				).json.data.length;
				return count - before >= 200 ? count : undefined;
			},
			60_000,
		);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		const settled = (
			await n8n.api<{ data: Execution[] }>(
				'GET',
				`/executions?workflowId=${DLR_WORKFLOW_ID}&limit=250`,
			)
		).json.data.length;
		expect(settled).toBe(total);
		expect(settled - before).toBe(200);
	});

	it("tests the credential through n8n: good login, then SMSCenter's words for a new one with a bad password", async () => {
		const stored = await n8n.rest<{
			data: { id: string; name: string; type: string; data: Record<string, unknown> };
		}>('GET', `/rest/credentials/${CREDENTIAL_ID}?includeData=true`);
		const { id, name, type, data } = stored.json.data;
		const good = await n8n.rest<{ data: { status: string; message: string } }>(
			'POST',
			'/rest/credentials/test',
			{ credentials: { id, name, type, data } },
		);
		expect(good.json.data).toEqual({ status: 'OK', message: 'Connection successful!' });
		const created = await n8n.rest<{ data: { id: string } }>('POST', '/rest/credentials', {
			name: 'New SMSCenter login',
			type,
			data: {
				username: 'demo',
				password: 'not-the-password',
				baseUrl: sandbox.url,
				allowInsecureHttp: false,
				protocol: 'httpPost',
			},
		});
		expect(created.status).toBe(200);
		const fresh = await n8n.rest<{
			data: { id: string; name: string; type: string; data: Record<string, unknown> };
		}>('GET', `/rest/credentials/${created.json.data.id}?includeData=true`);
		const bad = await n8n.rest<{ data: { status: string; message: string } }>(
			'POST',
			'/rest/credentials/test',
			{ credentials: fresh.json.data },
		);
		expect(bad.status).toBe(200);
		expect(bad.json.data.status).toBe('Error');
		expect(bad.json.data.message).toContain(
			'SMSCenter refused the login: InvalidUserNameOrPassword',
		);
		expect(bad.json.data.message).not.toContain('not-the-password');
	});

	it("never writes the credential password to n8n's log or to execution data", async () => {
		const all = (
			await n8n.api<{ data: Execution[] }>('GET', '/executions?includeData=true&limit=250')
		).json.data;
		expect(all.length).toBeGreaterThan(5);
		expect(JSON.stringify(all)).not.toContain(PASSWORD);
		const log = n8n.log();
		expect(log.length).toBeGreaterThan(1000);
		expect(log).not.toContain(PASSWORD);
	});
});
