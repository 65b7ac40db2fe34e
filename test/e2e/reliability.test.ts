import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChildProcess } from 'node:child_process';
import { request } from 'undici';
import { loadDefaultFixture, startSandbox, type Sandbox } from '../../sandbox/server';
import {
	createPostgresDatabase,
	dropPostgresDatabase,
	installPackageInto,
	N8nInstance,
} from '../../scripts/n8n/instance';
import { CREDENTIAL_ID, WEBHOOK_WORKFLOWS } from './workflows';
import {
	GARBAGE_PATH,
	GARBAGE_WORKFLOW_ID,
	garbageWorkflow,
	RETRY_PATH,
	RETRY_WORKFLOW_ID,
	retryWorkflow,
} from './sendWorkflows';
import {
	idMaker,
	linearWorkflow,
	reportTo,
	smsCenterTrigger,
} from '../../scripts/n8n/workflowJson';

const PASSWORD = 'Sms-Rel-3b8e6d1f-Secret';
const SECRET = 'relDlrKey8d2k5m7p';
const TRIGGER_WEBHOOK_ID = '7e2d4c6a-1b3f-4a5c-8d7e-9f0a1b2c3d4e';

/** Counts executions by what each one reports: `messageId|msisdn|status`. */
async function startSink(): Promise<{ server: Server; url: string; keys: string[] }> {
	const keys: string[] = [];
	const server = createServer((req, res) => {
		keys.push(new URL(req.url ?? '/', 'http://sink').searchParams.get('key') ?? '');
		res.end('ok');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/count`, keys };
}

const uuid = idMaker('20000000');

function reportingTriggerWorkflow(id: string, sinkUrl: string) {
	return linearWorkflow(id, 'Delivery reports to a counter', [
		smsCenterTrigger(uuid, TRIGGER_WEBHOOK_ID, SECRET),
		reportTo(uuid, sinkUrl, '={{ $json.messageId }}|{{ $json.msisdn }}|{{ $json.status.code }}'),
	]);
}

/** `count` distinct notifications plus `repeats` repeated ones, in a fixed shuffled order. */
function notificationUrls(base: string, firstId: number, count: number, repeats: number): string[] {
	const urls = Array.from({ length: count }, (_, i) => {
		const fields = {
			key: SECRET,
			MsgID: String(firstId + i),
			MSISDN: '972541234560',
			StatusCode: '600',
			StatusDes: 'Delivered',
			ReasonCode: '601',
			ReasonDes: 'Message delivered',
			Date: '25112026093000',
		};
		return `${base}?${new URLSearchParams(fields).toString()}`;
	});
	const all = [...urls, ...urls.slice(0, repeats)];
	for (let i = all.length - 1; i > 0; i--) {
		const j = (i * 7919) % (i + 1);
		[all[i], all[j]] = [all[j], all[i]];
	}
	return all;
}

async function settle(keys: string[], minimum: number, ms = 120_000): Promise<void> {
	const until = Date.now() + ms;
	let last = -1;
	while (Date.now() < until) {
		await new Promise((resolve) => setTimeout(resolve, 1500));
		if (keys.length >= minimum && keys.length === last) return;
		last = keys.length;
	}
}

async function postJson(url: string, body: unknown): Promise<number> {
	const response = await request(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	await response.body.text();
	return response.statusCode;
}

/** Calls a webhook with a harmless body until n8n has registered it. */
async function untilRegistered(url: string, harmless: unknown, ms = 60_000): Promise<void> {
	const until = Date.now() + ms;
	while ((await postJson(url, harmless)) === 404) {
		if (Date.now() > until) throw new Error(`${url} was not registered in ${ms} ms`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

const counts = (keys: string[], firstId: number, count: number) => {
	const own = keys.filter((key) => {
		const id = Number(key.split('|')[0]);
		return id >= firstId && id < firstId + count;
	});
	const distinct = new Set(own).size;
	return { executions: own.length, lost: count - distinct, duplicated: own.length - distinct };
};

describe('reliability in a real n8n', () => {
	let sandbox: Sandbox;
	let sink: Awaited<ReturnType<typeof startSink>>;
	const databases: string[] = [];
	const folders: string[] = [];

	beforeAll(async () => {
		const fixture = loadDefaultFixture();
		fixture.companies[0].users[0].password = PASSWORD;
		fixture.companies[0].sms = 1_000_000;
		sandbox = await startSandbox({ fixture, timeScale: 1e-3, dlrTimeoutMs: 5_000 });
		sink = await startSink();
	});
	afterAll(async () => {
		await sandbox?.close();
		sink?.server.close();
		for (const name of databases) dropPostgresDatabase(name);
		for (const folder of folders) rmSync(folder, { recursive: true, force: true });
	});

	function newInstance(port: number, env: Record<string, string> = {}): N8nInstance {
		const workDir = mkdtempSync(join(tmpdir(), 'smscenter-rel-'));
		folders.push(workDir);
		const database = `smscenter_rel_${process.pid}_${databases.length}`;
		databases.push(database);
		createPostgresDatabase(database);
		const n8n = new N8nInstance({
			workDir,
			port,
			database: { type: 'postgres', name: database },
			logLevel: 'info',
			env,
		});
		installPackageInto(n8n.userFolder, workDir);
		n8n.importCredentials([
			{
				id: CREDENTIAL_ID,
				name: 'SMSCenter sandbox',
				type: 'smsCenterApi',
				data: { username: 'demo', password: PASSWORD, baseUrl: sandbox.url },
			},
		]);
		return n8n;
	}

	it('a burst of 500 notifications with 20% repeats, n8n restarted gracefully in the middle: none lost, none doubled', async () => {
		const n8n = newInstance(5740);
		n8n.importWorkflows([reportingTriggerWorkflow('RelRestartTrig001', sink.url)]);
		await n8n.start();
		await n8n.activate('RelRestartTrig001');
		const firstId = 5_000_000;
		const urls = notificationUrls(
			`${n8n.url}/webhook/${TRIGGER_WEBHOOK_ID}/delivery`,
			firstId,
			500,
			100,
		);
		for (const url of urls)
			sandbox.dlr.deliver(url, { messageId: '0', msisdn: '972541234560', statusCode: 600 });
		while (sandbox.dlrAttempts().filter((a) => a.ok).length < 200)
			await new Promise((resolve) => setTimeout(resolve, 50));
		await n8n.stop();
		const refusedWhileDown = sandbox.dlrAttempts().filter((a) => !a.ok).length;
		await n8n.start();
		await sandbox.dlr.idle();
		await settle(sink.keys, 500);
		const outcome = counts(sink.keys, firstId, 500);
		expect(refusedWhileDown).toBeGreaterThan(0);
		expect(sandbox.dlrAttempts().filter((a) => a.ok)).toHaveLength(600);
		expect(outcome).toEqual({ executions: 500, lost: 0, duplicated: 0 });
		expect(n8n.log()).not.toContain(PASSWORD);
		await n8n.stop();
	}, 600_000);

	describe('sends', () => {
		let n8n: N8nInstance;
		beforeAll(async () => {
			n8n = newInstance(5730);
			n8n.importWorkflows([retryWorkflow, garbageWorkflow]);
			await n8n.start();
			await n8n.activate(RETRY_WORKFLOW_ID);
			await n8n.activate(GARBAGE_WORKFLOW_ID);
			// n8n 2.40 registers a published workflow's webhooks a moment after the activation answers:
			// call each with a body that sends nothing until it answers.
			await untilRegistered(`${n8n.url}/webhook/${RETRY_PATH}`, { items: [] });
			await untilRegistered(`${n8n.url}/webhook/${GARBAGE_PATH}`, { timeoutSeconds: 0 });
		}, 600_000);
		afterAll(async () => n8n?.stop(), 120_000);

		const failures = async (workflowId: string) =>
			(
				await n8n.api<{ data: Array<{ status: string; data?: unknown }> }>(
					'GET',
					`/executions?workflowId=${workflowId}&includeData=true&limit=250`,
				)
			).json.data.filter((e) => e.status !== 'success');

		it('Retry On Fail after HTTP 500 on the second request: the gateway sees each text once, and the error names what was sent', async () => {
			sandbox.reset();
			sandbox.injectFault('SendMessageReturnMessageID', { kind: 'http500', after: 1, times: 1 });
			const items = ['first', 'second', 'third'].map((text, i) => ({ to: `054123456${i}`, text }));
			await postJson(`${n8n.url}/webhook/${RETRY_PATH}`, { items });
			const until = Date.now() + 30_000;
			while ((await failures(RETRY_WORKFLOW_ID)).length === 0 && Date.now() < until)
				await new Promise((resolve) => setTimeout(resolve, 250));

			const texts = sandbox.requests.map((r) => new URLSearchParams(r.body).get('Message'));
			expect(texts.sort()).toEqual(['first', 'second', 'third']);
			expect(sandbox.messages()).toHaveLength(2);
			const executions = await failures(RETRY_WORKFLOW_ID);
			expect(executions.map((e) => e.status)).toEqual(['error']);
			const stored = JSON.stringify(executions[0].data);
			expect(stored).toContain(
				'not sent again: an earlier try of this execution may already have sent it',
			);
			for (const message of sandbox.messages())
				expect(stored).toContain(`(message ID ${message.id})`);
			expect(stored).not.toContain(PASSWORD);
			expect(n8n.log()).not.toContain(PASSWORD);
		}, 120_000);

		it('garbage in numeric and option settings from an expression: each run ends with an error naming the field, n8n stays up, nothing is sent', async () => {
			sandbox.reset();
			const cases: Array<[Record<string, unknown>, string]> = [
				[
					{ batchSize: 'abc' },
					'Item 1: Batch Size: "abc" is not a number; give a whole number from 1 to 10000',
				],
				[
					{ concurrency: 'abc' },
					'Item 1: Concurrency: "abc" is not a number; give a whole number from 1 to 100',
				],
				[
					{ batchSize: 2.5 },
					'Item 1: Batch Size: 2.5 is not a whole number; give a whole number from 1 to 10000',
				],
				[
					{ concurrency: -3 },
					'Item 1: Concurrency: -3 is below 1; give a whole number from 1 to 100',
				],
				[
					{ delayMinutes: { later: true } },
					'Item 1: Delay (Minutes): an object is not a number; give whole minutes from 0 to 525600',
				],
				[
					{ messageOption: 'Loud' },
					'Item 1: Message Option: "Loud" is not one of "auto", "Concatenated", "Regular", "Reply"',
				],
				[
					{ timeoutSeconds: 1e12 },
					'Item 1: Timeout (Seconds): 1000000000000 is above 600; give a whole number from 1 to 600',
				],
			];
			const before = (await failures(GARBAGE_WORKFLOW_ID)).length;
			for (const [body] of cases) await postJson(`${n8n.url}/webhook/${GARBAGE_PATH}`, body);
			// n8n may save an execution a moment after the webhook has answered.
			const until = Date.now() + 30_000;
			while (
				(await failures(GARBAGE_WORKFLOW_ID)).length < before + cases.length &&
				Date.now() < until
			)
				await new Promise((resolve) => setTimeout(resolve, 250));
			const failed = await failures(GARBAGE_WORKFLOW_ID);
			expect(failed.length).toBe(before + cases.length);
			const stored = JSON.stringify(failed);
			for (const [, message] of cases)
				expect(stored).toContain(JSON.stringify(message).slice(1, -1));
			expect(sandbox.requests).toHaveLength(0);
			const health = await request(`${n8n.url}/healthz`);
			await health.body.text();
			expect(health.statusCode).toBe(200);
		}, 120_000);
	});

	it('queue mode with two workers and a webhook processor: a bulk send and a burst with repeats', async () => {
		const prefix = `smscenter${process.pid}`;
		const queue = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: '6379',
			QUEUE_BULL_PREFIX: prefix,
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		};
		const main = newInstance(5750, queue);
		main.importWorkflows([
			WEBHOOK_WORKFLOWS[0],
			reportingTriggerWorkflow('RelQueueTrig0001', sink.url),
		]);
		await main.start();
		await main.activate(WEBHOOK_WORKFLOWS[0].id);
		await main.activate('RelQueueTrig0001');
		const processes: ChildProcess[] = [];
		try {
			for (const [index, port] of [5753, 5754].entries()) {
				processes.push(
					await main.start(
						['worker', '--concurrency=5'],
						'n8n worker is now ready',
						{
							QUEUE_HEALTH_CHECK_PORT: String(port),
							N8N_RUNNERS_BROKER_PORT: String(5760 + index),
						},
						join(main.userFolder, `worker-${index}.log`),
					),
				);
			}
			processes.push(
				await main.start(
					['webhook'],
					'Webhook listener waiting for requests.',
					{ N8N_PORT: '5755', N8N_RUNNERS_BROKER_PORT: '5765' },
					join(main.userFolder, 'webhook.log'),
				),
			);
			const webhookBase = 'http://127.0.0.1:5755/webhook';

			sandbox.reset();
			const items = Array.from({ length: 200 }, (_, i) => ({
				to: `05413${String(34000 + i)}`,
				text: 'Queue mode broadcast',
			}));
			const response = await request(`${webhookBase}/e2e-sms-send`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ items }),
			});
			const sent = (await response.body.json()) as Array<Record<string, unknown>>;
			expect(sent).toHaveLength(200);
			expect(sandbox.calls('SendMessageReturnMessageID')).toHaveLength(1);
			expect(sandbox.messages()[0].recipients).toHaveLength(200);

			const firstId = 6_000_000;
			const urls = notificationUrls(
				`${webhookBase}/${TRIGGER_WEBHOOK_ID}/delivery`,
				firstId,
				300,
				60,
			);
			for (const url of urls)
				sandbox.dlr.deliver(url, { messageId: '0', msisdn: '972541234560', statusCode: 600 });
			await sandbox.dlr.idle();
			await settle(sink.keys, 300);
			const outcome = counts(sink.keys, firstId, 300);
			expect(outcome).toEqual({ executions: 300, lost: 0, duplicated: 0 });
		} finally {
			for (const child of processes) await main.stop(child);
			await main.stop();
		}
	}, 600_000);
});
