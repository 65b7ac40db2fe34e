import { execFileSync, type ChildProcess } from 'node:child_process';
import { request } from 'undici';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { psql, type N8nInstance } from '../../scripts/n8n/instance';
import {
	reportUrl as deliveryReportUrl,
	startSink,
	type Sink,
} from '../../scripts/n8n/deliveryReports';
import {
	idMaker,
	linearWorkflow,
	reportTo,
	smsCenterTriggerWithCredential,
} from '../../scripts/n8n/workflowJson';
import {
	executions,
	queueMode,
	settle,
	startWebhookProcessor,
	startWorker,
	TestN8ns,
	triggerCredential,
	untilRegistered,
	waitFor,
} from './fixtures';

/**
 * The SMSCenter Trigger's duplicate memory and its edges in a real n8n: what is stored when, across a
 * graceful restart, a hard kill and queue mode; a run that n8n fails to start; the secret kept in a
 * credential; the IP allowlist behind a proxy and with a malformed entry. Ports 5800-5829.
 */
const SECRET = 'trigMemSecret-4f7a9c2e8b1d6053';
const CREDENTIAL = 'TrigMemSecret001';
const TRIGGER_NODE = 'SMSCenter Trigger';
const uuid = idMaker('58000000');

function reportingWorkflow(
	id: string,
	webhookId: string,
	sinkUrl: string,
	options: Record<string, unknown> = {},
) {
	return linearWorkflow(id, `Delivery reports ${id}`, [
		smsCenterTriggerWithCredential(uuid, webhookId, CREDENTIAL, options),
		reportTo(uuid, sinkUrl, '={{ $json.eventId }}'),
	]);
}

const reportUrl = (base: string, messageId: number) => deliveryReportUrl(base, SECRET, messageId);

const eventId = (messageId: number) => `${messageId}-972541234560-600`;

/** How many reports the workflow's stored static data remembers. */
function storedMemorySize(database: string, workflowId: string): number {
	const text = psql(
		database,
		`SELECT "staticData" FROM workflow_entity WHERE id = '${workflowId}'`,
	);
	const data = (text === '' ? {} : JSON.parse(text)) as Record<
		string,
		{ deliveryMemory?: { b: Array<[string, string]> } }
	>;
	return (data[`node:${TRIGGER_NODE}`]?.deliveryMemory?.b ?? []).reduce(
		(sum, [, keys]) => sum + keys.length / 11,
		0,
	);
}

async function kill(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	child.kill('SIGKILL');
	await exited;
}

describe('the SMSCenter Trigger in a real n8n', () => {
	const instances = new TestN8ns('trig');
	let sandbox: Sandbox;
	let sink: Sink;

	beforeAll(async () => {
		sandbox = await startSandbox({ timeScale: 1e-3, dlrTimeoutMs: 10_000 });
		sink = await startSink();
	});
	afterAll(async () => {
		await instances.cleanUp();
		await sandbox?.close();
		await sink?.close();
	}, 120_000);
	beforeEach(() => sandbox.reset());

	const newInstance = (port: number, env: Record<string, string> = {}) =>
		instances.create({ port, env, credentials: [triggerCredential(CREDENTIAL, SECRET)] });

	/** Sends each URL as the gateway does (at most 20 at once, retried on its schedule) and waits for every answer. */
	async function deliver(urls: string[]): Promise<void> {
		for (const url of urls)
			sandbox.dlr.deliver(url, { messageId: '0', msisdn: '972541234560', statusCode: 600 });
		await sandbox.dlr.idle();
	}

	const ownEvents = (first: number, count: number) =>
		sink.keys.filter(
			(id) => Number(id.split('-')[0]) >= first && Number(id.split('-')[0]) < first + count,
		);

	/**
	 * Two writes in flight at once can reach the database out of order, leaving the latest reports out of
	 * the stored copy until the next call writes it (README, Reliability): one more report after the
	 * `count` of a burst from `first`, and once its run has come, the stored copy of `workflowId` holds
	 * `stored` reports.
	 */
	async function oneMoreReport(
		base: string,
		burst: { first: number; count: number },
		stored: { workflowId: string; database: string; expected: number },
	) {
		await deliver([reportUrl(base, burst.first + burst.count)]);
		await settle(() => ownEvents(burst.first, burst.count + 1).length, burst.count + 1);
		await waitFor(
			`the stored memory of ${stored.workflowId} holding ${stored.expected} reports`,
			() =>
				storedMemorySize(stored.database, stored.workflowId) === stored.expected ? true : undefined,
			30_000,
		);
	}

	describe('regular mode', () => {
		let n8n: N8nInstance;
		let database: string;
		let main: ChildProcess;
		const base = (webhookId: string) => `${n8n.url}/webhook/${webhookId}/delivery`;
		const WEBHOOKS = {
			reports: '58a00000-0000-4000-8000-000000000001',
			failOnce: '58a00000-0000-4000-8000-000000000002',
			proxy: '58a00000-0000-4000-8000-000000000003',
			badList: '58a00000-0000-4000-8000-000000000004',
		};

		beforeAll(async () => {
			({ n8n, database } = newInstance(5800, { N8N_PROXY_HOPS: '1' }));
			n8n.importWorkflows([
				reportingWorkflow('TrigMemReports01', WEBHOOKS.reports, sink.url),
				reportingWorkflow('TrigMemFailOnce1', WEBHOOKS.failOnce, sink.url),
				reportingWorkflow('TrigMemProxy0001', WEBHOOKS.proxy, sink.url, {
					allowedIps: '203.0.113.0/24',
				}),
				reportingWorkflow('TrigMemBadList01', WEBHOOKS.badList, sink.url, {
					allowedIps: '127.0.0.0/8, 192.0.2.10/',
				}),
			]);
			main = await n8n.start();
			for (const id of ['TrigMemReports01', 'TrigMemFailOnce1', 'TrigMemProxy0001'])
				await n8n.activate(id);
			for (const webhookId of [WEBHOOKS.reports, WEBHOOKS.failOnce, WEBHOOKS.proxy])
				await untilRegistered(base(webhookId));
		}, 600_000);
		afterAll(async () => {
			await n8n?.stop();
		});

		it('refuses to activate a trigger whose allowlist has a malformed entry, naming it where the editor shows it', async () => {
			await n8n.activate('TrigMemBadList01');
			// n8n 2.40 publishes in the background; the editor reads the outcome from the publication status.
			const status = await waitFor(
				'the publication status',
				async () => {
					const text = JSON.stringify(
						(await n8n.rest<unknown>('GET', '/rest/workflows/TrigMemBadList01/publication-status'))
							.json,
					);
					return /fail/i.test(text) ? text : undefined;
				},
				60_000,
			);
			expect(status).toContain(
				'Allowed IP Addresses: \\"192.0.2.10/\\" is not an IP address or CIDR range',
			);
			const call = await request(reportUrl(base(WEBHOOKS.badList), 4_000_001));
			await call.body.text();
			expect(call.statusCode).toBe(404);
			expect(ownEvents(4_000_000, 10)).toEqual([]);
		});

		it('behind one proxy hop, the allowlist sees the address the proxy appended, not what the client wrote', async () => {
			const allowed = await request(reportUrl(base(WEBHOOKS.proxy), 4_100_001), {
				headers: { 'x-forwarded-for': '203.0.113.7' },
			});
			expect([allowed.statusCode, await allowed.body.text()]).toEqual([200, '_OK_']);
			const spoofed = await request(reportUrl(base(WEBHOOKS.proxy), 4_100_002), {
				headers: { 'x-forwarded-for': '203.0.113.7, 198.51.100.9' },
			});
			expect([spoofed.statusCode, await spoofed.body.text()]).toEqual([403, 'Forbidden']);
			await settle(() => ownEvents(4_100_000, 10).length, 1, 30_000);
			expect(ownEvents(4_100_000, 10)).toEqual([eventId(4_100_001)]);
		});

		it("a report whose first run n8n fails to start is started by the gateway's retry", async () => {
			// The database refuses the first execution of this workflow, as a full disk or a lost connection would.
			psql(
				database,
				`CREATE SEQUENCE smscenter_refused;
				CREATE FUNCTION smscenter_refuse_first() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
					IF NEW."workflowId" = 'TrigMemFailOnce1' AND nextval('smscenter_refused') = 1 THEN RAISE EXCEPTION 'execution refused for the test'; END IF;
					RETURN NEW;
				END $$;
				CREATE TRIGGER smscenter_refuse_first BEFORE INSERT ON execution_entity FOR EACH ROW EXECUTE FUNCTION smscenter_refuse_first();`,
			);
			await deliver([reportUrl(base(WEBHOOKS.failOnce), 4_200_001)]);
			expect(sandbox.dlrAttempts().map((a) => [a.scheduledMinute, a.httpStatus, a.ok])).toEqual([
				[0, 500, false],
				[5, 200, true],
			]);
			await settle(() => ownEvents(4_200_000, 10).length, 1, 30_000);
			expect(ownEvents(4_200_000, 10)).toEqual([eventId(4_200_001)]);
			expect(storedMemorySize(database, 'TrigMemFailOnce1')).toBe(1);
		});

		it('only new reports, then a graceful restart, then the same reports again: no second run', async () => {
			const first = 4_300_000;
			const urls = Array.from({ length: 80 }, (_, i) =>
				reportUrl(base(WEBHOOKS.reports), first + i),
			);
			await deliver(urls);
			await settle(() => ownEvents(first, 80).length, 80);
			expect(ownEvents(first, 80)).toHaveLength(80);
			// Every call started a run; the memory was stored with them.
			await oneMoreReport(
				base(WEBHOOKS.reports),
				{ first, count: 80 },
				{ workflowId: 'TrigMemReports01', database, expected: 81 },
			);
			expect(ownEvents(first, 81)).toHaveLength(81);

			await n8n.stop();
			main = await n8n.start();
			sandbox.reset();
			await deliver(urls);
			expect(sandbox.dlrAttempts().filter((a) => a.ok)).toHaveLength(80);
			await new Promise((resolve) => setTimeout(resolve, 5000));
			expect(ownEvents(first, 80)).toHaveLength(80);
			expect(new Set(ownEvents(first, 80)).size).toBe(80);
		}, 600_000);

		it('new reports, n8n killed (SIGKILL) after their runs, then the same reports again: no second run', async () => {
			const first = 4_400_000;
			const urls = Array.from({ length: 40 }, (_, i) =>
				reportUrl(base(WEBHOOKS.reports), first + i),
			);
			await deliver(urls);
			await settle(() => ownEvents(first, 40).length, 40);
			expect(ownEvents(first, 40)).toHaveLength(40);
			// Each _OK_ came after n8n had stored the memory with its call: all 122 reports of this workflow.
			await oneMoreReport(
				base(WEBHOOKS.reports),
				{ first, count: 40 },
				{ workflowId: 'TrigMemReports01', database, expected: 122 },
			);

			await kill(main);
			main = await n8n.start();
			sandbox.reset();
			await deliver(urls);
			expect(sandbox.dlrAttempts().filter((a) => a.ok)).toHaveLength(40);
			await new Promise((resolve) => setTimeout(resolve, 5000));
			expect(ownEvents(first, 40)).toHaveLength(40);
		}, 600_000);

		it('the secret is nowhere in the database in clear: not in workflows, executions, static data or history', async () => {
			const dump = execFileSync(
				'pg_dump',
				['-h', '127.0.0.1', '-U', 'postgres', '--data-only', database],
				{ encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 },
			);
			expect(dump).toContain('TrigMemReports01');
			expect(dump).not.toContain(SECRET);
			const workflow = await n8n.rest<{ data: unknown }>('GET', '/rest/workflows/TrigMemReports01');
			expect(JSON.stringify(workflow.json)).not.toContain(SECRET);
			const stored = await executions(n8n, 'TrigMemReports01', { limit: 5 });
			expect(stored.length).toBeGreaterThan(0);
			expect(JSON.stringify(stored)).not.toContain(SECRET);
			expect(n8n.log()).not.toContain(SECRET);
		});
	});

	describe('queue mode with one webhook processor', () => {
		it('only new reports, then every process restarted, then the same reports again: no second run', async () => {
			const { n8n, database } = newInstance(5810, queueMode(`smscentertrig${process.pid}`));
			const webhookId = '58b00000-0000-4000-8000-000000000001';
			n8n.importWorkflows([reportingWorkflow('TrigMemQueue0001', webhookId, sink.url)]);
			await n8n.start();
			await n8n.activate('TrigMemQueue0001');
			const startProcessors = async () => ({
				worker: await startWorker(n8n, { health: 5813, broker: 5814 }),
				webhook: await startWebhookProcessor(n8n, { http: 5815, broker: 5816 }),
			});
			let { worker, webhook } = await startProcessors();
			try {
				const first = 4_500_000;
				const urls = Array.from({ length: 60 }, (_, i) =>
					reportUrl(`http://127.0.0.1:5815/webhook/${webhookId}/delivery`, first + i),
				);
				await deliver(urls);
				await settle(() => ownEvents(first, 60).length, 60);
				expect(ownEvents(first, 60)).toHaveLength(60);
				await oneMoreReport(
					`http://127.0.0.1:5815/webhook/${webhookId}/delivery`,
					{ first, count: 60 },
					{ workflowId: 'TrigMemQueue0001', database, expected: 61 },
				);

				await n8n.stop(webhook);
				await n8n.stop(worker);
				await n8n.stop();
				await n8n.start();
				({ worker, webhook } = await startProcessors());
				sandbox.reset();
				await deliver(urls);
				expect(sandbox.dlrAttempts().filter((a) => a.ok)).toHaveLength(60);
				await new Promise((resolve) => setTimeout(resolve, 5000));
				expect(ownEvents(first, 60)).toHaveLength(60);
			} finally {
				await n8n.stop(webhook);
				await n8n.stop(worker);
				await n8n.stop();
			}
		}, 900_000);
	});
});
