import type { ChildProcess } from 'node:child_process';
import { request } from 'undici';
import type { Sandbox } from '../../sandbox/server';
import type { N8nInstance } from '../../scripts/n8n/instance';
import { reportBurst, startSink, type Sink } from '../../scripts/n8n/deliveryReports';
import {
	idMaker,
	linearWorkflow,
	reportTo,
	smsCenterTrigger,
} from '../../scripts/n8n/workflowJson';
import {
	executions,
	postJson,
	queueMode,
	settle,
	smsCenterCredential,
	startSandboxWithPassword,
	startWebhookProcessor,
	startWorker,
	TestN8ns,
	untilRegistered,
	waitFor,
} from './fixtures';
import { CREDENTIAL_ID, WEBHOOK_WORKFLOWS } from './workflows';
import {
	GARBAGE_PATH,
	GARBAGE_WORKFLOW_ID,
	garbageWorkflow,
	expectRetryAfterHttp500SendsEachTextOnce,
	RETRY_PATH,
	RETRY_WORKFLOW_ID,
	retryWorkflow,
} from './sendWorkflows';

const PASSWORD = 'Sms-Rel-3b8e6d1f-Secret';
const SECRET = 'relDlrKey8d2k5m7p';
const TRIGGER_WEBHOOK_ID = '7e2d4c6a-1b3f-4a5c-8d7e-9f0a1b2c3d4e';

const uuid = idMaker('20000000');

function reportingTriggerWorkflow(id: string, sinkUrl: string) {
	return linearWorkflow(id, 'Delivery reports to a counter', [
		smsCenterTrigger(uuid, TRIGGER_WEBHOOK_ID, SECRET),
		reportTo(uuid, sinkUrl, '={{ $json.messageId }}|{{ $json.msisdn }}|{{ $json.status.code }}'),
	]);
}

/** Counts executions by what each one reports (`messageId|msisdn|status`): none lost, none doubled. */
const counts = (keys: string[], firstId: number, count: number) => {
	const own = keys.filter((key) => {
		const id = Number(key.split('|')[0]);
		return id >= firstId && id < firstId + count;
	});
	const distinct = new Set(own).size;
	return { executions: own.length, lost: count - distinct, duplicated: own.length - distinct };
};

describe('reliability in a real n8n', () => {
	const instances = new TestN8ns('rel');
	let sandbox: Sandbox;
	let sink: Sink;

	beforeAll(async () => {
		sandbox = await startSandboxWithPassword(PASSWORD, {
			companySms: 1_000_000,
			timeScale: 1e-3,
			dlrTimeoutMs: 5_000,
		});
		sink = await startSink();
	});
	afterAll(async () => {
		await instances.cleanUp();
		await sandbox?.close();
		await sink?.close();
	}, 120_000);

	const newInstance = (port: number, env: Record<string, string> = {}): N8nInstance =>
		instances.create({
			port,
			env,
			credentials: [
				smsCenterCredential(
					{ id: CREDENTIAL_ID, name: 'SMSCenter sandbox' },
					sandbox.url,
					PASSWORD,
				),
			],
		}).n8n;

	it('a burst of 500 notifications with 20% repeats, n8n restarted gracefully in the middle: none lost, none doubled', async () => {
		const n8n = newInstance(5740);
		n8n.importWorkflows([reportingTriggerWorkflow('RelRestartTrig001', sink.url)]);
		await n8n.start();
		await n8n.activate('RelRestartTrig001');
		const firstId = 5_000_000;
		const urls = reportBurst(`${n8n.url}/webhook/${TRIGGER_WEBHOOK_ID}/delivery`, SECRET, {
			firstId,
			count: 500,
			repeats: 100,
		});
		for (const url of urls)
			sandbox.dlr.deliver(url, { messageId: '0', msisdn: '972541234560', statusCode: 600 });
		while (sandbox.dlrAttempts().filter((a) => a.ok).length < 200)
			await new Promise((resolve) => setTimeout(resolve, 50));
		await n8n.stop();
		const refusedWhileDown = sandbox.dlrAttempts().filter((a) => !a.ok).length;
		await n8n.start();
		await sandbox.dlr.idle();
		await settle(() => counts(sink.keys, firstId, 500).executions, 500);
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
			(await executions(n8n, workflowId)).filter((e) => e.status !== 'success');

		it('Retry On Fail after HTTP 500 on the second request: the gateway sees each text once, and the error names what was sent', async () => {
			sandbox.reset();
			const stored = await expectRetryAfterHttp500SendsEachTextOnce(n8n, sandbox);
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
			const failed = await waitFor('the failed executions', async () => {
				const list = await failures(GARBAGE_WORKFLOW_ID);
				return list.length >= before + cases.length ? list : undefined;
			});
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
		const main = newInstance(5750, {
			...queueMode(`smscenter${process.pid}`),
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		});
		main.importWorkflows([
			WEBHOOK_WORKFLOWS[0],
			reportingTriggerWorkflow('RelQueueTrig0001', sink.url),
		]);
		await main.start();
		await main.activate(WEBHOOK_WORKFLOWS[0].id);
		await main.activate('RelQueueTrig0001');
		const processes: ChildProcess[] = [];
		try {
			processes.push(await startWorker(main, { health: 5753, broker: 5760 }));
			processes.push(await startWorker(main, { health: 5754, broker: 5761 }));
			processes.push(await startWebhookProcessor(main, { http: 5755, broker: 5765 }));
			const webhookBase = 'http://127.0.0.1:5755/webhook';

			sandbox.reset();
			const items = Array.from({ length: 200 }, (_, i) => ({
				to: `05413${String(34000 + i)}`,
				text: 'Queue mode broadcast',
			}));
			const { json: sent } = await postJson(`${webhookBase}/e2e-sms-send`, { items });
			expect(sent).toHaveLength(200);
			expect(sandbox.calls('SendMessageReturnMessageID')).toHaveLength(1);
			expect(sandbox.messages()[0].recipients).toHaveLength(200);

			const firstId = 6_000_000;
			const urls = reportBurst(`${webhookBase}/${TRIGGER_WEBHOOK_ID}/delivery`, SECRET, {
				firstId,
				count: 300,
				repeats: 60,
			});
			for (const url of urls)
				sandbox.dlr.deliver(url, { messageId: '0', msisdn: '972541234560', statusCode: 600 });
			await sandbox.dlr.idle();
			await settle(() => counts(sink.keys, firstId, 300).executions, 300);
			const outcome = counts(sink.keys, firstId, 300);
			expect(outcome).toEqual({ executions: 300, lost: 0, duplicated: 0 });
		} finally {
			for (const child of processes) await main.stop(child);
			await main.stop();
		}
	}, 600_000);
});
