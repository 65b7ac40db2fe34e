import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { request } from 'undici';
import type { Sandbox } from '../../sandbox/server';
import { psql as psqlIn, type N8nInstance } from '../../scripts/n8n/instance';
import {
	postJson,
	queueMode,
	smsCenterCredential,
	startSandboxWithPassword,
	startWebhookProcessor,
	startWorker,
	TestN8ns,
	triggerCredential,
	waitFor,
} from './fixtures';

/**
 * Delivery records that scale (examples/delivery-records-*.json) in a real n8n in queue mode: a main
 * process, two workers and two webhook processors (Redis and PostgreSQL on this machine). A broadcast
 * goes out through the sandbox; its delivery reports reach the two webhook processors in turn through a
 * proxy that loses some acknowledgements (the report was stored, the gateway retries it: a duplicate)
 * and some requests (the gateway retries them), and never lets the final reports of numbers ending in
 * 5 through (those recipients stay pending). The table must hold every report exactly once, and the
 * day's summary must count each message's recipients right. Ports 6300-6319.
 */
const PORTS = { main: 6300, workers: [6304, 6306], webhooks: [6310, 6312] };
const PASSWORD = 'DlrRec-3f9a1c7e-Password';
const SECRET = 'dlrRecSecret8d2k5m7q9t';
const TOKENS =
	'MsgID={MsgID}&MSISDN={MSISDN}&StatusCode={StatusCode}&StatusDes={StatusDes}&ReasonCode={ReasonCode}&ReasonDes={ReasonDes}&Date={Dlr_ddmmyyyhhmmss}';
const CREDENTIALS = {
	smsCenterApi: 'DlrRecSmsCenter1',
	smsCenterTriggerApi: 'DlrRecTrigSecret',
	postgres: 'DlrRecPostgres01',
};
const EXAMPLES = join(__dirname, '..', '..', 'examples');

type WorkflowJson = {
	id: string;
	name: string;
	nodes: Array<Record<string, unknown> & { name: string; type: string }>;
	connections: Record<string, unknown>;
	active?: boolean;
};

/** An example workflow with this test's credential IDs. */
function example(file: string): WorkflowJson {
	const workflow = JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as WorkflowJson;
	for (const node of workflow.nodes) {
		const credentials = node.credentials as Record<string, { id: string }> | undefined;
		for (const [type, reference] of Object.entries(credentials ?? {}))
			reference.id = CREDENTIALS[type as keyof typeof CREDENTIALS];
	}
	return workflow;
}

/** Replaces a workflow's first node (its trigger) by a Webhook answering with the last node's items. */
function startedByWebhook(workflow: WorkflowJson, id: string, path: string): WorkflowJson {
	const [trigger, ...rest] = workflow.nodes;
	const webhook = {
		id: `${id}-webhook`,
		name: trigger.name,
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: trigger.position,
		webhookId: `63000000-0000-4000-8000-${String(path.length).padStart(12, '0')}`,
		parameters: {
			httpMethod: 'POST',
			path,
			responseMode: 'lastNode',
			responseData: 'allEntries',
			options: {},
		},
	};
	return { ...workflow, id, nodes: [webhook, ...rest] };
}

interface Proxy {
	server: Server;
	url: string;
	/** Requests passed on to a webhook processor, by processor port. */
	forwarded: Map<number, number>;
	/** Requests passed on whose _OK_ the gateway never saw. */
	ackLost: number;
	/** Requests refused without passing them on. */
	refused: number;
}

/**
 * Spreads the gateway's notifications over the webhook processors in turn, as a load balancer does,
 * and loses some on the way: every 5th (from the 3rd) is passed on but answered 502 (stored, yet the
 * gateway retries it), every 7th (from the 4th) is answered 503 unseen, and the final status of numbers
 * ending in 5 never gets through.
 */
async function startProxy(targets: number[]): Promise<Proxy> {
	let counter = 0;
	const proxy: Proxy = {
		server: undefined as unknown as Server,
		url: '',
		forwarded: new Map(),
		ackLost: 0,
		refused: 0,
	};
	proxy.server = createServer((req, res) => {
		const n = counter++;
		const url = new URL(req.url ?? '/', 'http://proxy');
		const blocked =
			/5$/.test(url.searchParams.get('MSISDN') ?? '') &&
			url.searchParams.get('StatusCode') !== '300';
		if (blocked || n % 7 === 3) {
			proxy.refused++;
			res.writeHead(503).end('unavailable');
			return;
		}
		const port = targets[n % targets.length];
		proxy.forwarded.set(port, (proxy.forwarded.get(port) ?? 0) + 1);
		request(`http://127.0.0.1:${port}${req.url}`, { headersTimeout: 30_000, bodyTimeout: 30_000 })
			.then(async (answer) => {
				const body = await answer.body.text();
				if (n % 5 === 2) {
					proxy.ackLost++;
					res.writeHead(502).end('bad gateway');
				} else res.writeHead(answer.statusCode, { 'content-type': 'text/plain' }).end(body);
			})
			.catch(() => res.writeHead(502).end('bad gateway'));
	});
	await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
	proxy.url = `http://127.0.0.1:${(proxy.server.address() as AddressInfo).port}`;
	return proxy;
}

/** POSTs `body` until the webhook is registered (not 404), then wants 200 and gives its JSON. */
async function postUntilRegistered(url: string, body: unknown): Promise<unknown> {
	return await waitFor(
		`webhook ${url}`,
		async () => {
			const answer = await postJson<unknown>(url, body);
			if (answer.status === 404) return undefined;
			if (answer.status !== 200)
				throw new Error(`${url}: ${answer.status} ${JSON.stringify(answer.json)}`);
			return answer.json;
		},
		120_000,
	);
}

describe('delivery records in PostgreSQL, n8n in queue mode with two workers and two webhook processors', () => {
	let sandbox: Sandbox;
	let proxy: Proxy;
	let n8n: N8nInstance;
	let psql: (sql: string) => string;
	const n8ns = new TestN8ns('dlrrec');
	const children: ChildProcess[] = [];

	beforeAll(async () => {
		sandbox = await startSandboxWithPassword(PASSWORD, { timeScale: 1e-3, dlrTimeoutMs: 30_000 });
		proxy = await startProxy(PORTS.webhooks);
		const made = n8ns.create({
			port: PORTS.main,
			logLevel: 'info',
			env: queueMode(`smscenterdlrrec${process.pid}`),
		});
		n8n = made.n8n;
		psql = (sql) => psqlIn(made.database, sql);
		// The records' tables live in n8n's own database here; the Postgres credential points at it.
		psql(readFileSync(join(EXAMPLES, 'sql', 'delivery-records.sql'), 'utf8'));
		n8n.importCredentials([
			smsCenterCredential(
				{ id: CREDENTIALS.smsCenterApi, name: 'SMSCenter sandbox' },
				sandbox.url,
				PASSWORD,
			),
			triggerCredential(CREDENTIALS.smsCenterTriggerApi, SECRET),
			{
				id: CREDENTIALS.postgres,
				name: 'Delivery records database',
				type: 'postgres',
				data: {
					host: '127.0.0.1',
					port: 5432,
					database: made.database,
					user: 'postgres',
					password: '',
					ssl: 'disable',
				},
			},
		]);
		const broadcast = startedByWebhook(
			example('delivery-records-broadcast.json'),
			'DlrRecBroadcast1',
			'dlrrec-broadcast',
		);
		// The test's recipients come in the request; 20 to a request makes two message IDs of 40 numbers.
		const recipients = broadcast.nodes.find((node) => node.name === 'Recipients') as unknown as {
			parameters: { jsCode: string };
		};
		recipients.parameters.jsCode =
			'return $input.first().json.body.phones.map((phone) => ({ json: { phone } }));';
		const send = broadcast.nodes.find((node) => node.name === 'Broadcast') as unknown as {
			parameters: { options: Record<string, unknown> };
		};
		send.parameters.options.batchSize = 20;
		// The same workflow as a user would build it from the node list: Respond to Webhook 1.5.
		const withNewResponder = example('delivery-records-store.json');
		for (const node of withNewResponder.nodes) {
			if (node.type === 'n8n-nodes-base.respondToWebhook') node.typeVersion = 1.5;
			if (node.webhookId) node.webhookId = '7c4e2a91-5b3d-4f60-9a8e-1d2c3b4a5f61';
		}
		n8n.importWorkflows([
			{ ...example('delivery-records-store.json'), id: 'DlrRecStore00001' },
			{ ...withNewResponder, id: 'DlrRecStoreNew01', name: 'Respond to Webhook 1.5' },
			broadcast,
			startedByWebhook(
				example('delivery-records-daily-summary.json'),
				'DlrRecSummary001',
				'dlrrec-summary',
			),
		]);
		await n8n.start();
		for (const id of ['DlrRecStore00001', 'DlrRecBroadcast1', 'DlrRecSummary001'])
			await n8n.activate(id);
		for (const port of PORTS.workers)
			children.push(await startWorker(n8n, { health: port, broker: port + 1 }));
		for (const port of PORTS.webhooks)
			children.push(await startWebhookProcessor(n8n, { http: port, broker: port + 1 }));
	}, 600_000);

	afterAll(async () => {
		for (const child of children.reverse()) await n8n?.stop(child);
		await sandbox?.close();
		proxy?.server.close();
		await n8ns.cleanUp();
	});

	it('refuses to publish the store workflow with a Respond to Webhook node that cannot answer for the trigger', async () => {
		// n8n 2.40 publishes through its outbox: the request is accepted, the outcome is recorded after.
		await n8n.activate('DlrRecStoreNew01');
		const rows = () =>
			psql(
				`SELECT row_to_json(t)::text FROM workflow_publication_outbox t WHERE row_to_json(t)::text LIKE '%DlrRecStoreNew01%' UNION ALL SELECT row_to_json(t)::text FROM workflow_publication_trigger_status t WHERE row_to_json(t)::text LIKE '%DlrRecStoreNew01%'`,
			);
		let seen = '';
		try {
			seen = await waitFor(
				'the outcome of publishing',
				() => {
					const text = rows();
					return text.includes('Respond to Webhook') ? text : undefined;
				},
				90_000,
			);
		} catch (error) {
			throw new Error(
				`${(error as Error).message}: ${rows()}; n8n log: ${n8n
					.log()
					.split('\n')
					.filter((line) => /DlrRecStoreNew01|Respond to Webhook|publish/i.test(line))
					.join('\n')}`,
			);
		}
		expect(seen).toContain(
			'Respond to Webhook \\"Answer _OK_\\" (version 1.5) cannot answer for this trigger',
		);
		expect(seen).toContain('"status":"failed"');
		// n8n keeps the workflow published with its trigger failed: the address is not served.
		for (const port of PORTS.webhooks) {
			const answer = await request(
				`http://127.0.0.1:${port}/webhook/7c4e2a91-5b3d-4f60-9a8e-1d2c3b4a5f61/delivery`,
			);
			await answer.body.text();
			expect(answer.statusCode).toBe(404);
		}
	}, 180_000);

	it('stores every report exactly once, loses none, and the summary of the day counts each message right', async () => {
		const storeUrl = (port: number) =>
			`http://127.0.0.1:${port}/webhook/7c4e2a91-5b3d-4f60-9a8e-1d2c3b4a5f60/delivery`;
		// Both webhook processors serve the trigger: without the key, 401.
		for (const port of PORTS.webhooks)
			await waitFor(
				`the trigger on ${port}`,
				async () => {
					const response = await request(storeUrl(port));
					await response.body.text();
					return response.statusCode === 401 ? true : undefined;
				},
				120_000,
			);
		sandbox.setNotificationUrl(
			'demo',
			`${proxy.url}/webhook/7c4e2a91-5b3d-4f60-9a8e-1d2c3b4a5f60/delivery?key=${SECRET}&${TOKENS}`,
		);

		const phones = Array.from({ length: 40 }, (_, i) => `054123${String(i).padStart(4, '0')}`);
		const sent = (await postUntilRegistered(
			`http://127.0.0.1:${PORTS.webhooks[0]}/webhook/dlrrec-broadcast`,
			{ phones },
		)) as Array<{ message_id: string; msisdn: string }>;
		expect(sent).toHaveLength(40);
		const messages = sandbox.messages();
		expect(messages).toHaveLength(2);

		// What the gateway reports: 300 then the final status, or 200 alone for a gateway failure. The
		// final reports of numbers ending in 5 never get through.
		const expected = new Set<string>();
		for (const message of messages)
			for (const recipient of message.recipients) {
				const statuses = recipient.status === 200 ? [200] : [300, recipient.status];
				for (const status of statuses)
					if (!(recipient.msisdn.endsWith('5') && status !== 300))
						expected.add(`${message.id}-${recipient.msisdn}-${status}`);
			}
		// Per last digit, four numbers each: 9 one report (200), 5 one (300), the other eight two.
		expect(expected.size).toBe(4 * (8 * 2 + 1 + 1));

		const stored = () => psql('SELECT event_id FROM sms_delivery_reports ORDER BY event_id');
		const acknowledged = () =>
			new Set(
				sandbox
					.dlrAttempts()
					.filter((attempt) => attempt.ok)
					.map((attempt) => `${attempt.messageId}-${attempt.msisdn}-${attempt.statusCode}`),
			);
		try {
			await waitFor(
				'every report stored and acknowledged',
				() =>
					stored().split('\n').filter(Boolean).length >= expected.size &&
					acknowledged().size >= expected.size
						? true
						: undefined,
				180_000,
			);
		} catch (error) {
			// What went wrong, for the log: the table, the gateway's attempts, the failed runs.
			const answers = new Map<string, number>();
			for (const attempt of sandbox.dlrAttempts()) {
				const key = `${attempt.httpStatus ?? attempt.error} ${(attempt.body ?? '').slice(0, 80)}`;
				answers.set(key, (answers.get(key) ?? 0) + 1);
			}
			const failed = await n8n.api<{ data: Array<{ id: string; status: string }> }>(
				'GET',
				'/executions?workflowId=DlrRecStore00001&status=error&limit=5&includeData=true',
			);
			throw new Error(
				`${(error as Error).message}: ${stored().split('\n').filter(Boolean).length} rows of ${expected.size}, ${acknowledged().size} acknowledged; gateway answers ${JSON.stringify([...answers])}; proxy ${JSON.stringify([...proxy.forwarded])} forwarded, ${proxy.refused} refused, ${proxy.ackLost} acknowledgements lost; failed runs ${JSON.stringify(failed.json).slice(0, 3000)}`,
			);
		}
		const ids = stored().split('\n').filter(Boolean);
		expect(ids).toEqual([...expected].sort());
		expect(psql('SELECT count(*) FROM sms_delivery_reports')).toBe(String(expected.size));
		// Duplicates did reach n8n (stored reports whose _OK_ was lost come again), on both processors.
		const forwarded = [...proxy.forwarded.values()].reduce((a, b) => a + b, 0);
		expect(proxy.ackLost).toBeGreaterThan(0);
		expect(forwarded).toBeGreaterThan(expected.size);
		for (const port of PORTS.webhooks) expect(proxy.forwarded.get(port)).toBeGreaterThan(0);

		const summary = (await postUntilRegistered(
			`http://127.0.0.1:${PORTS.webhooks[1]}/webhook/dlrrec-summary`,
			{},
		)) as Array<Record<string, unknown>>;
		// Per 20 recipients (last digits 0-9 twice): 0-4 and 6 delivered (12), 7 undelivered, 8 rejected
		// and 9 failed by the gateway (6), 5 only accepted (2 pending).
		expect(summary).toEqual(
			messages
				.map((message) => message.id)
				.sort()
				.map((id) => ({ message_id: id, sent: 20, delivered: 12, failed: 6, pending: 2 })),
		);
	}, 600_000);
});
