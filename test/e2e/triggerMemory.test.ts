import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import {
	createPostgresDatabase,
	dropPostgresDatabase,
	installPackageInto,
	N8nInstance,
} from '../../scripts/n8n/instance';
import {
	idMaker,
	linearWorkflow,
	reportTo,
	smsCenterTriggerWithCredential,
} from '../../scripts/n8n/workflowJson';

/**
 * The SMSCenter Trigger's duplicate memory and its edges in a real n8n: what is stored when, across a
 * graceful restart, a hard kill and queue mode; a run that n8n fails to start; the secret kept in a
 * credential; the IP allowlist behind a proxy and with a malformed entry. Ports 5800-5829.
 */
const SECRET = 'trigMemSecret-4f7a9c2e8b1d6053';
const CREDENTIAL = 'TrigMemSecret001';
const TRIGGER_NODE = 'SMSCenter Trigger';
const uuid = idMaker('58000000');

interface Sink {
	server: Server;
	url: string;
	/** The event ID each execution reported, in order. */
	events: string[];
}

async function startSink(): Promise<Sink> {
	const events: string[] = [];
	const server = createServer((req, res) => {
		events.push(new URL(req.url ?? '/', 'http://sink').searchParams.get('key') ?? '');
		res.end('ok');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		server,
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/count`,
		events,
	};
}

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

function reportUrl(base: string, messageId: number, status = '600'): string {
	const fields = {
		key: SECRET,
		MsgID: String(messageId),
		MSISDN: '972541234560',
		StatusCode: status,
		StatusDes: 'Delivered',
		ReasonCode: '601',
		ReasonDes: 'Message delivered',
		Date: '25112026093000',
	};
	return `${base}?${new URLSearchParams(fields).toString()}`;
}

const eventId = (messageId: number) => `${messageId}-972541234560-600`;

function psql(database: string, sql: string): string {
	return execFileSync(
		'psql',
		[
			'-h',
			'127.0.0.1',
			'-U',
			'postgres',
			'-d',
			database,
			'-v',
			'ON_ERROR_STOP=1',
			'-At',
			'-c',
			sql,
		],
		{ encoding: 'utf8' },
	).trim();
}

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

/** Waits until `count()` reaches `minimum` and stays the same for a few seconds. */
async function settle(count: () => number, minimum: number, ms = 120_000): Promise<void> {
	const until = Date.now() + ms;
	let last = -1;
	while (Date.now() < until) {
		await new Promise((resolve) => setTimeout(resolve, 2000));
		const now = count();
		if (now >= minimum && now === last) return;
		last = now;
	}
	throw new Error(`${count()} events arrived, expected at least ${minimum}`);
}

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

/** n8n activates published workflows in the background: waits until the webhook answers (401 without the key). */
async function waitUntilRegistered(url: string): Promise<void> {
	await waitFor(`webhook ${url}`, async () => {
		const response = await request(url);
		await response.body.text();
		return response.statusCode === 404 ? undefined : true;
	});
}

async function kill(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	child.kill('SIGKILL');
	await exited;
}

describe('the SMSCenter Trigger in a real n8n', () => {
	let sandbox: Sandbox;
	let sink: Sink;
	const databases: string[] = [];
	const folders: string[] = [];

	beforeAll(async () => {
		sandbox = await startSandbox({ timeScale: 1e-3, dlrTimeoutMs: 10_000 });
		sink = await startSink();
	});
	afterAll(async () => {
		await sandbox?.close();
		sink?.server.close();
		for (const name of databases) dropPostgresDatabase(name);
		for (const folder of folders) rmSync(folder, { recursive: true, force: true });
	});
	beforeEach(() => sandbox.reset());

	function newInstance(
		port: number,
		env: Record<string, string> = {},
	): { n8n: N8nInstance; database: string } {
		const workDir = mkdtempSync(join(tmpdir(), 'smscenter-trig-'));
		folders.push(workDir);
		const database = `smscenter_trig_${process.pid}_${databases.length}`;
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
				id: CREDENTIAL,
				name: 'SMSCenter Trigger secret',
				type: 'smsCenterTriggerApi',
				data: { secret: SECRET },
			},
		]);
		return { n8n, database };
	}

	/** Sends each URL as the gateway does (at most 20 at once, retried on its schedule) and waits for every answer. */
	async function deliver(urls: string[]): Promise<void> {
		for (const url of urls)
			sandbox.dlr.deliver(url, { messageId: '0', msisdn: '972541234560', statusCode: 600 });
		await sandbox.dlr.idle();
	}

	const ownEvents = (first: number, count: number) =>
		sink.events.filter(
			(id) => Number(id.split('-')[0]) >= first && Number(id.split('-')[0]) < first + count,
		);

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
				await waitUntilRegistered(base(webhookId));
		}, 600_000);
		afterAll(async () => {
			await n8n?.stop();
		});

		it('refuses to activate a trigger whose allowlist has a malformed entry, naming it where the editor shows it', async () => {
			await n8n.activate('TrigMemBadList01');
			// n8n 2.40 publishes in the background; the editor reads the outcome from the publication status.
			const status = await waitFor('the publication status', async () => {
				const text = JSON.stringify(
					(await n8n.rest<unknown>('GET', '/rest/workflows/TrigMemBadList01/publication-status'))
						.json,
				);
				return /fail/i.test(text) ? text : undefined;
			});
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
			expect(storedMemorySize(database, 'TrigMemReports01')).toBe(80);

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
			// Each _OK_ came after n8n had stored the memory with its call: all 120 reports of this workflow.
			expect(storedMemorySize(database, 'TrigMemReports01')).toBe(120);

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
			const executions = await n8n.api<{ data: unknown[] }>(
				'GET',
				'/executions?workflowId=TrigMemReports01&includeData=true&limit=5',
			);
			expect(executions.json.data.length).toBeGreaterThan(0);
			expect(JSON.stringify(executions.json)).not.toContain(SECRET);
			expect(n8n.log()).not.toContain(SECRET);
		});
	});

	describe('queue mode with one webhook processor', () => {
		it('only new reports, then every process restarted, then the same reports again: no second run', async () => {
			const prefix = `smscentertrig${process.pid}`;
			const { n8n, database } = newInstance(5810, {
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: '127.0.0.1',
				QUEUE_BULL_REDIS_PORT: '6379',
				QUEUE_BULL_PREFIX: prefix,
				N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
			});
			const webhookId = '58b00000-0000-4000-8000-000000000001';
			n8n.importWorkflows([reportingWorkflow('TrigMemQueue0001', webhookId, sink.url)]);
			await n8n.start();
			await n8n.activate('TrigMemQueue0001');
			const startWorker = () =>
				n8n.start(
					['worker', '--concurrency=5'],
					'n8n worker is now ready',
					{ QUEUE_HEALTH_CHECK_PORT: '5813', N8N_RUNNERS_BROKER_PORT: '5814' },
					join(n8n.userFolder, 'worker.log'),
				);
			const startWebhook = () =>
				n8n.start(
					['webhook'],
					'Webhook listener waiting for requests.',
					{ N8N_PORT: '5815', N8N_RUNNERS_BROKER_PORT: '5816' },
					join(n8n.userFolder, 'webhook.log'),
				);
			let worker = await startWorker();
			let webhook = await startWebhook();
			try {
				const first = 4_500_000;
				const urls = Array.from({ length: 60 }, (_, i) =>
					reportUrl(`http://127.0.0.1:5815/webhook/${webhookId}/delivery`, first + i),
				);
				await deliver(urls);
				await settle(() => ownEvents(first, 60).length, 60);
				expect(ownEvents(first, 60)).toHaveLength(60);
				expect(storedMemorySize(database, 'TrigMemQueue0001')).toBe(60);

				await n8n.stop(webhook);
				await n8n.stop(worker);
				await n8n.stop();
				await n8n.start();
				worker = await startWorker();
				webhook = await startWebhook();
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
