/**
 * `npm run bench`: the package in a real n8n against the SMSCenter sandbox with added latency,
 * each workload measured against what a user would pick instead, medians over several runs.
 *   --latency MS (50)  --runs N (3)  --broadcast N (10000)  --personalised N (2000)
 *   --burst N (1000)  --concurrency N (25)
 */
import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { loadDefaultFixture, startSandbox, type Sandbox } from '../sandbox/server';
import {
	createPostgresDatabase,
	dropPostgresDatabase,
	installPackageInto,
	N8nInstance,
	PACKAGE_ROOT,
} from '../scripts/n8n/instance';
import {
	benchWorkflows,
	CREDENTIAL_ID,
	TRIGGER_WEBHOOK_ID,
	WEBHOOK_BASELINE_PATH,
} from './workflows';
import { renderChart } from './chart';

function flag(name: string, fallback: number): number {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const LATENCY = flag('latency', 50);
const RUNS = Math.max(3, flag('runs', 3));
const BROADCAST = flag('broadcast', 10_000);
const PERSONALISED = flag('personalised', 2_000);
const BURST = flag('burst', 1_000);
const CONCURRENCY = flag('concurrency', 25);
const PASSWORD = 'bench-api-key';
const SECRET = 'benchSecret7k2m9q4r';
const DATABASE = `smscenter_bench_${process.pid}`;

const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const log = (text: string) => process.stdout.write(`${text}\n`);

/** Counts what the workflows report: one call per execution, keyed by notification. */
function startSink(): Promise<{ server: Server; url: string; keys: string[] }> {
	const keys: string[] = [];
	const server = createServer((req, res) => {
		keys.push(new URL(req.url ?? '/', 'http://sink').searchParams.get('key') ?? '');
		res.end('ok');
	});
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () =>
			resolve({
				server,
				url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/count`,
				keys,
			}),
		),
	);
}

function rssOf(pid: number): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}

async function sampleRss<T>(
	pid: number,
	work: () => Promise<T>,
): Promise<{ result: T; peakRss: number }> {
	let peakRss = rssOf(pid);
	const timer = setInterval(() => (peakRss = Math.max(peakRss, rssOf(pid))), 25);
	try {
		const result = await work();
		return { result, peakRss: Math.max(peakRss, rssOf(pid)) };
	} finally {
		clearInterval(timer);
	}
}

async function timed(work: () => Promise<unknown>): Promise<number> {
	const started = performance.now();
	await work();
	return performance.now() - started;
}

async function main(): Promise<void> {
	const fixture = loadDefaultFixture();
	fixture.companies[0].sms = 10_000_000;
	fixture.companies[0].users[0].password = PASSWORD;
	const sandbox: Sandbox = await startSandbox({ fixture, timeScale: 1e-4 });
	const prepareSandbox = () => {
		sandbox.reset();
		if (LATENCY > 0) sandbox.injectFault('*', { kind: 'latency', latencyMs: LATENCY });
	};
	const sink = await startSink();
	const workDir = mkdtempSync(join(tmpdir(), 'smscenter-bench-'));
	createPostgresDatabase(DATABASE);
	const n8n = new N8nInstance({
		workDir,
		port: 5700,
		database: { type: 'postgres', name: DATABASE },
		logLevel: 'warn',
		env: {
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none',
			EXECUTIONS_DATA_SAVE_ON_PROGRESS: 'false',
			N8N_PAYLOAD_SIZE_MAX: '64',
		},
	});
	const agent = new Agent({ connections: 256 });
	try {
		installPackageInto(n8n.userFolder, workDir);
		n8n.importCredentials([
			{
				id: CREDENTIAL_ID,
				name: 'SMSCenter sandbox',
				type: 'smsCenterApi',
				data: { username: 'demo', password: PASSWORD, baseUrl: sandbox.url },
			},
		]);
		const workflows = benchWorkflows(sandbox.url, PASSWORD, sink.url, CONCURRENCY, SECRET);
		n8n.importWorkflows(workflows);
		const child = await n8n.start();
		for (const workflow of workflows) await n8n.activate(workflow.id);
		const pid = child.pid as number;

		const runWorkflow = async (path: string, body: object) => {
			const response = await request(`${n8n.url}/webhook/${path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
				dispatcher: agent,
				headersTimeout: 600_000,
				bodyTimeout: 600_000,
			});
			const text = await response.body.text();
			if (response.statusCode !== 200)
				throw new Error(`${path} answered HTTP ${response.statusCode}: ${text.slice(0, 300)}`);
		};
		const sentRecipients = () =>
			sandbox.messages().reduce((sum, m) => sum + m.recipients.length, 0);

		log(`Warming up (latency ${LATENCY} ms per request)...`);
		prepareSandbox();
		await runWorkflow('bench-smscenter', { count: 20 });
		await runWorkflow('bench-http', { count: 20 });
		const idleRss = rssOf(pid);

		const results = {
			a: {
				smsCenter: [] as number[],
				httpRequest: [] as number[],
				smsCenterRss: 0,
				httpRequestRss: 0,
			},
			b: { smsCenter: [] as number[], httpRequest: [] as number[], undici: [] as number[] },
			c: {
				trigger: [] as Array<{ ms: number; lost: number; duplicated: number }>,
				webhook: [] as Array<{ ms: number; lost: number; duplicated: number }>,
			},
		};

		for (let run = 1; run <= RUNS; run++) {
			log(`Run ${run}/${RUNS}`);
			for (const [variant, path] of [
				['smsCenter', 'bench-smscenter'],
				['httpRequest', 'bench-http'],
			] as const) {
				prepareSandbox();
				const { result: ms, peakRss } = await sampleRss(pid, () =>
					timed(() => runWorkflow(path, { count: BROADCAST })),
				);
				if (sentRecipients() !== BROADCAST)
					throw new Error(
						`A/${variant}: the sandbox received ${sentRecipients()} recipients, not ${BROADCAST}`,
					);
				results.a[variant].push(ms);
				if (variant === 'smsCenter')
					results.a.smsCenterRss = Math.max(results.a.smsCenterRss, peakRss);
				else results.a.httpRequestRss = Math.max(results.a.httpRequestRss, peakRss);
				log(
					`  A broadcast   ${variant.padEnd(12)} ${ms.toFixed(0)} ms (${sandbox.calls().length} requests)`,
				);
			}
			for (const [variant, path] of [
				['smsCenter', 'bench-smscenter'],
				['httpRequest', 'bench-http'],
			] as const) {
				prepareSandbox();
				const ms = await timed(() =>
					runWorkflow(path, { count: PERSONALISED, personalised: true }),
				);
				if (sentRecipients() !== PERSONALISED)
					throw new Error(`B/${variant}: the sandbox received ${sentRecipients()} recipients`);
				results.b[variant].push(ms);
				log(`  B personalised ${variant.padEnd(11)} ${ms.toFixed(0)} ms`);
			}
			prepareSandbox();
			const undiciMs = await timed(() =>
				rawUndiciLoop(sandbox.url, PERSONALISED, CONCURRENCY, agent),
			);
			if (sentRecipients() !== PERSONALISED) throw new Error('B/undici: recipients missing');
			results.b.undici.push(undiciMs);
			log(`  B personalised undici      ${undiciMs.toFixed(0)} ms`);

			for (const [variant, base] of [
				['trigger', `${n8n.url}/webhook/${TRIGGER_WEBHOOK_ID}/delivery`],
				['webhook', `${n8n.url}/webhook/${WEBHOOK_BASELINE_PATH}`],
			] as const) {
				const outcome = await deliveryBurst(base, run, variant, sink.keys, agent);
				results.c[variant].push(outcome);
				log(
					`  C burst ${variant.padEnd(8)} ${outcome.ms.toFixed(0)} ms, lost ${outcome.lost}, duplicated ${outcome.duplicated}`,
				);
			}
		}

		report(results, idleRss, n8n);
	} finally {
		await n8n.stop();
		await sandbox.close();
		sink.server.close();
		await agent.close();
		dropPostgresDatabase(DATABASE);
		rmSync(workDir, { recursive: true, force: true });
	}
}

/** What a hand-written client would do: one SendMessagesV2 per item, `concurrency` in flight. */
async function rawUndiciLoop(
	baseUrl: string,
	count: number,
	concurrency: number,
	agent: Agent,
): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < count) {
			const i = next++;
			const body = new URLSearchParams({
				UserName: 'demo',
				Password: PASSWORD,
				SenderName: 'MyShop',
				SendToPhoneNumbers: `05${String(20000000 + i).padStart(8, '0')}`,
				CCToEmail: '',
				Message: `Hello customer ${i}, your code is ${100000 + i}`,
				SMSOperation: 'Push',
				DeliveryDelayInMinutes: '0',
				ExpirationDelayInMinutes: '0',
				MessageOption: 'Regular',
				Price: '0',
			}).toString();
			const response = await request(`${baseUrl}/Web/WebServices/SendMessage.asmx/SendMessagesV2`, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body,
				dispatcher: agent,
			});
			const text = await response.body.text();
			if (!text.includes('>OK<')) throw new Error(`undici loop: ${text.slice(0, 200)}`);
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
}

/** Fires BURST notifications (10% repeats) at 50 in flight; counts executions through the sink. */
async function deliveryBurst(
	base: string,
	run: number,
	variant: string,
	sinkKeys: string[],
	agent: Agent,
) {
	const unique = Math.round(BURST * 0.9);
	const firstId = 3_000_000 + run * 100_000 + (variant === 'trigger' ? 0 : 50_000);
	const urls = Array.from({ length: unique }, (_, i) => {
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
	const burst = [...urls, ...urls.slice(0, BURST - unique)];
	for (let i = burst.length - 1; i > 0; i--) {
		const j = (i * 7919 + run) % (i + 1);
		[burst[i], burst[j]] = [burst[j], burst[i]];
	}
	const before = sinkKeys.length;
	let next = 0;
	let acknowledged = 0;
	const ms = await timed(async () => {
		await Promise.all(
			Array.from({ length: 50 }, async () => {
				while (next < burst.length) {
					const url = burst[next++];
					const response = await request(url, { dispatcher: agent });
					if ((await response.body.text()).includes('_OK_')) acknowledged++;
				}
			}),
		);
	});
	// Executions run after the acknowledgement: wait until every distinct notification has reported,
	// or nothing new has come for 15 s.
	const ownKeys = () =>
		sinkKeys
			.slice(before)
			.filter(
				(key) =>
					Number(key.split('|')[0]) >= firstId && Number(key.split('|')[0]) < firstId + unique,
			);
	let lastCount = -1;
	let quietSince = Date.now();
	for (let waited = 0; waited < 300_000; waited += 500) {
		await new Promise((resolve) => setTimeout(resolve, 500));
		const count = ownKeys().length;
		if (new Set(ownKeys()).size >= unique && count === lastCount) break;
		if (count !== lastCount) quietSince = Date.now();
		else if (Date.now() - quietSince > 15_000) break;
		lastCount = count;
	}
	const keys = ownKeys();
	const distinct = new Set(keys).size;
	return { ms, acknowledged, lost: unique - distinct, duplicated: keys.length - distinct };
}

function report(
	results: {
		a: { smsCenter: number[]; httpRequest: number[]; smsCenterRss: number; httpRequestRss: number };
		b: { smsCenter: number[]; httpRequest: number[]; undici: number[] };
		c: {
			trigger: Array<{ ms: number; lost: number; duplicated: number }>;
			webhook: Array<{ ms: number; lost: number; duplicated: number }>;
		};
	},
	idleRss: number,
	n8n: N8nInstance,
): void {
	const perSecond = (count: number, ms: number) => (count * 1000) / ms;
	const a = {
		smsCenter: perSecond(BROADCAST, median(results.a.smsCenter)),
		httpRequest: perSecond(BROADCAST, median(results.a.httpRequest)),
	};
	const b = {
		smsCenter: perSecond(PERSONALISED, median(results.b.smsCenter)),
		httpRequest: perSecond(PERSONALISED, median(results.b.httpRequest)),
		undici: perSecond(PERSONALISED, median(results.b.undici)),
	};
	const c = {
		trigger: perSecond(BURST, median(results.c.trigger.map((r) => r.ms))),
		webhook: perSecond(BURST, median(results.c.webhook.map((r) => r.ms))),
		lost: Math.max(...results.c.trigger.map((r) => r.lost)),
		duplicated: Math.max(...results.c.trigger.map((r) => r.duplicated)),
		webhookDuplicated: Math.max(...results.c.webhook.map((r) => r.duplicated)),
	};
	const mb = (bytes: number) => bytes / 1024 / 1024;
	const targets = [
		{
			workload: 'A broadcast',
			target: 'SMSCenter node >= 50x the HTTP Request node',
			value: a.smsCenter / a.httpRequest,
			met: a.smsCenter / a.httpRequest >= 50,
		},
		{
			workload: 'B personalised',
			target: 'SMSCenter node >= the HTTP Request node',
			value: b.smsCenter / b.httpRequest,
			met: b.smsCenter >= b.httpRequest,
		},
		{
			workload: 'B personalised',
			target: 'raw undici <= 1.3x the SMSCenter node',
			value: b.undici / b.smsCenter,
			met: b.undici / b.smsCenter <= 1.3,
		},
		{ workload: 'C burst', target: 'no notification lost', value: c.lost, met: c.lost === 0 },
		{
			workload: 'C burst',
			target: 'no duplicated execution',
			value: c.duplicated,
			met: c.duplicated === 0,
		},
		{
			workload: 'C burst',
			target: 'SMSCenter Trigger >= 0.8x the Webhook node rate',
			value: c.trigger / c.webhook,
			met: c.trigger / c.webhook >= 0.8,
		},
	];
	const machine = `${cpus().length} cores (${cpus()[0]?.model.trim()}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB; n8n ${n8n.cli(['--version']).trim().split('\n').pop()} on Node.js 24, PostgreSQL`;
	const rows = [
		[
			'A broadcast, items/s',
			`SMSCenter ${a.smsCenter.toFixed(0)}`,
			`HTTP Request ${a.httpRequest.toFixed(0)}`,
			`ratio ${(a.smsCenter / a.httpRequest).toFixed(1)}x`,
		],
		[
			'B personalised, items/s',
			`SMSCenter ${b.smsCenter.toFixed(0)}`,
			`HTTP Request ${b.httpRequest.toFixed(0)}`,
			`undici ${b.undici.toFixed(0)}`,
		],
		[
			'C burst, notifications/s',
			`Trigger ${c.trigger.toFixed(0)}`,
			`Webhook ${c.webhook.toFixed(0)}`,
			`lost ${c.lost}, duplicated ${c.duplicated} (Webhook node: ${c.webhookDuplicated})`,
		],
		[
			'D peak RSS in A, MiB',
			`SMSCenter ${mb(results.a.smsCenterRss).toFixed(0)}`,
			`HTTP Request ${mb(results.a.httpRequestRss).toFixed(0)}`,
			`idle ${mb(idleRss).toFixed(0)}`,
		],
	];
	log('');
	log(`Medians of ${RUNS} runs; sandbox latency ${LATENCY} ms per request; ${machine}`);
	for (const row of rows)
		log(
			`  ${row[0].padEnd(26)} ${row
				.slice(1)
				.map((c2) => c2.padEnd(22))
				.join(' ')}`,
		);
	log('');
	log('Targets:');
	for (const t of targets)
		log(
			`  ${t.met ? 'met    ' : 'NOT met'}  ${t.workload.padEnd(15)} ${t.target.padEnd(50)} ${Number.isInteger(t.value) ? t.value : t.value.toFixed(2)}`,
		);

	const out = join(PACKAGE_ROOT, 'bench');
	mkdirSync(out, { recursive: true });
	writeFileSync(
		join(out, 'results.json'),
		`${JSON.stringify(
			{
				date: new Date().toISOString(),
				machine,
				settings: {
					latencyMs: LATENCY,
					runs: RUNS,
					broadcast: BROADCAST,
					personalised: PERSONALISED,
					burst: BURST,
					concurrency: CONCURRENCY,
				},
				runsMs: results,
				throughput: { a, b, c },
				peakRssMiB: {
					smsCenter: mb(results.a.smsCenterRss),
					httpRequest: mb(results.a.httpRequestRss),
					idle: mb(idleRss),
				},
				targets,
			},
			null,
			2,
		)}\n`,
	);
	const png = renderChart(
		`n8n-nodes-smscenter benchmark (medians of ${RUNS} runs)`,
		`sandbox latency ${LATENCY} ms; ${machine}`,
		[
			{
				title: `A: broadcast, ${BROADCAST} items, one text (items/s)`,
				unit: '/s',
				bars: [
					{ label: 'SMSCenter node', value: a.smsCenter, highlight: true },
					{ label: 'HTTP Request node', value: a.httpRequest },
				],
			},
			{
				title: `B: personalised, ${PERSONALISED} items (items/s)`,
				unit: '/s',
				bars: [
					{ label: 'SMSCenter node', value: b.smsCenter, highlight: true },
					{ label: 'HTTP Request node', value: b.httpRequest },
					{ label: `raw undici, ${CONCURRENCY} in flight`, value: b.undici },
				],
			},
			{
				title: `C: ${BURST} delivery reports, 10% repeated (acknowledged/s)`,
				unit: '/s',
				bars: [
					{ label: 'SMSCenter Trigger', value: c.trigger, highlight: true },
					{ label: 'Webhook node', value: c.webhook },
				],
			},
			{
				title: 'D: peak RSS of n8n during A (MiB)',
				unit: 'MiB',
				bars: [
					{ label: 'SMSCenter node', value: mb(results.a.smsCenterRss), highlight: true },
					{ label: 'HTTP Request node', value: mb(results.a.httpRequestRss) },
					{ label: 'n8n idle', value: mb(idleRss) },
				],
			},
		],
	);
	writeFileSync(join(out, 'chart.png'), png);
	log(`\nWrote bench/results.json and bench/chart.png`);
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
