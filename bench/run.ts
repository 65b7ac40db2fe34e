/**
 * `npm run bench`: the package in a real n8n against the SMSCenter sandbox with added latency, each
 * workload measured against what a user would pick instead, under both of n8n's expression engines.
 * The defaults are the published figures; `--quick` is a smoke run of a few minutes.
 *
 *   --latency MS (50)            added to every sandbox request
 *   --runs N (5)                 measured runs per variant, in alternating order, after --warmup runs
 *   --warmup N (1)               unmeasured runs per variant (a tenth of the items) before measuring
 *   --engines vm,legacy          n8n expression engines (N8N_EXPRESSION_ENGINE), one n8n start each
 *   --broadcast N (1000)         items of A1/A2, numbers in the one item of A3 (the issue: 10000)
 *   --baseline-broadcast N       items of the HTTP Request baselines of A1/A2 (default --broadcast)
 *   --personalised N (500)       items of B (the issue: 2000)
 *   --concurrency 5,25,50        requests in flight in B (node, HTTP Request node, undici loop)
 *   --a-concurrency N (25)       requests in flight in A
 *   --burst N (100)              delivery reports of C, a tenth of them repeats (the issue: 1000)
 *   --levels 0,2700,10000        reports already remembered by the trigger before a C burst
 *   --c-engines vm,legacy,vm-lazy engines C runs under; vm-lazy is vm with n8n's lazy isolate
 *                                acquisition (N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true), C only
 *   --skip a,b,c                 workloads to leave out
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { loadDefaultFixture, startSandbox, type Sandbox } from '../sandbox/server';
import {
	createPostgresDatabase,
	dropPostgresDatabase,
	installPackageInto,
	N8nInstance,
	PACKAGE_ROOT,
	psql,
} from '../scripts/n8n/instance';
import { reportBurst, startSink } from '../scripts/n8n/deliveryReports';
import { DeliveryMemory } from '../nodes/SmsCenterTrigger/helpers/deliveryMemory';
import { deliveryEventId, memoryKey } from '../nodes/SmsCenterTrigger/helpers/eventId';
import { MEMORY_FIELD } from '../nodes/SmsCenterTrigger/helpers/memoryStore';
import {
	CREDENTIAL_ID,
	numberOf,
	path,
	personalisedText,
	SEND_METHOD,
	sendFields,
	sendWorkflows,
	TRIGGER_NODE_NAME,
	TRIGGER_CREDENTIAL_ID,
	triggerWorkflow,
	type TriggerSetUp,
	WEBHOOK_BASELINE_PATH,
	WEBHOOK_AUTH_BASELINE_PATH,
	HEADER_AUTH_CREDENTIAL_ID,
	HEADER_AUTH_NAME,
	MAIN_SET_UP,
	webhookBaselineWorkflow,
	type Form,
	type SendWorkflow,
} from './workflows';
import { renderChart } from './chart';
import { fastPathTimings } from './micro';
import { evaluate, type EngineResults, type Results, type RunRecord } from './targets';

const argv = process.argv.slice(2);
const QUICK = argv.includes('--quick');
function flagText(name: string): string | undefined {
	const index = argv.indexOf(`--${name}`);
	return index >= 0 ? argv[index + 1] : undefined;
}
function flag(name: string, published: number, quick: number): number {
	const given = flagText(name);
	const value = given === undefined ? (QUICK ? quick : published) : Number(given);
	if (!Number.isFinite(value) || value < 0)
		throw new Error(`--${name}: "${given}" is not a number`);
	return value;
}
function listFlag<T extends string | number>(name: string, published: T[], quick: T[]): T[] {
	const given = flagText(name);
	if (given === undefined) return QUICK ? quick : published;
	const numeric = typeof published[0] === 'number';
	return given.split(',').map((part) => (numeric ? Number(part) : part.trim()) as T);
}

const LATENCY = flag('latency', 50, 50);
const RUNS = Math.max(1, flag('runs', 5, 1));
const WARMUP = flag('warmup', 1, 0);
const ENGINES = listFlag<string>('engines', ['vm', 'legacy'], ['vm', 'legacy']);
const BROADCAST = flag('broadcast', 1_000, 100);
const BASELINE_BROADCAST = flag('baseline-broadcast', BROADCAST, BROADCAST);
const PERSONALISED = flag('personalised', 500, 100);
const CONCURRENCIES = listFlag<number>('concurrency', [5, 25, 50], [25]);
const A_CONCURRENCY = flag('a-concurrency', 25, 25);
const BURST = flag('burst', 100, 50);
const LEVELS = listFlag<number>('levels', [0, 2_700, 10_000], [0, 2_700]);
const SKIP = listFlag<string>('skip', [], []);
/**
 * C also runs under `vm-lazy`: the vm engine with N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true, where n8n makes
 * an isolate only for a step that evaluates an expression (by default it makes one for every webhook call
 * of a trigger other than its own Webhook node, and for every credential it decrypts).
 */
const C_ENGINES = listFlag<string>(
	'c-engines',
	['vm', 'legacy', 'vm-lazy'],
	['vm', 'legacy', 'vm-lazy'],
);
/** Each engine n8n is started with, in order: A and B under ENGINES, C under C_ENGINES. */
const ALL_ENGINES = [...new Set([...ENGINES, ...(SKIP.includes('c') ? [] : C_ENGINES)])];
/** The n8n settings of an engine of this benchmark. */
const engineSettings = (engine: string): Record<string, string> =>
	engine === 'vm-lazy'
		? { N8N_EXPRESSION_ENGINE: 'vm', N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' }
		: { N8N_EXPRESSION_ENGINE: engine };
const BURST_IN_FLIGHT = 50;
const PASSWORD = 'bench-api-key';
const SECRET = 'benchSecret7k2m9q4r';
/** Ports of this benchmark: n8n (and its broker on the next ports), sandbox, counter. */
const N8N_PORT = 6510;
const SANDBOX_PORT = 6520;
const SINK_PORT = 6530;

const log = (text: string) => process.stdout.write(`${text}\n`);
const loadavg = () =>
	readFileSync('/proc/loadavg', 'utf8').trim().split(' ').slice(0, 3).map(Number);
/** Resident memory of n8n's main process and its children (the task runner of the Code node). */
function rssOf(pid: number): number {
	let total = 0;
	const visit = (id: number) => {
		try {
			const status = readFileSync(`/proc/${id}/status`, 'utf8');
			total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
			const children = readFileSync(`/proc/${id}/task/${id}/children`, 'utf8').trim();
			for (const child of children ? children.split(' ') : []) visit(Number(child));
		} catch {
			// The process ended meanwhile.
		}
	};
	visit(pid);
	return total;
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

interface RunData {
	resultData?: { runData?: Record<string, Array<{ executionTime?: number }>> };
}

/** Runs, in n8n, the workflows of A and B and the control, under one expression engine. */
async function sendWorkloads(
	n8n: N8nInstance,
	pid: number,
	sandbox: Sandbox,
	workflows: SendWorkflow[],
	agent: Agent,
	engine: string,
	results: Results,
) {
	const byPath = new Map(workflows.map((w) => [w.path, w]));
	let lastExecutionId = 0;
	const ownTimes = async (workflow: SendWorkflow) => {
		// The execution is stored before n8n answers the webhook; read its run data, then delete it.
		for (let attempt = 0; attempt < 40; attempt++) {
			const { json } = await n8n.api<{
				data: Array<{ id: string; status: string; data?: RunData }>;
			}>('GET', `/executions?workflowId=${workflow.id}&includeData=true&limit=1`);
			const execution = json.data?.[0];
			if (execution && Number(execution.id) > lastExecutionId && execution.status === 'success') {
				lastExecutionId = Number(execution.id);
				const runData = execution.data?.resultData?.runData ?? {};
				const nodesMs: Record<string, number> = {};
				for (const [name, runs] of Object.entries(runData))
					nodesMs[name] = runs.reduce((sum, r) => sum + (r.executionTime ?? 0), 0);
				await n8n.api('DELETE', `/executions/${execution.id}`);
				const own = workflow.ownNodes.reduce((sum, name) => sum + (nodesMs[name] ?? 0), 0);
				return { ownMs: workflow.ownNodes.length > 0 ? own : null, nodesMs };
			}
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		throw new Error(`${workflow.path}: no successful execution stored`);
	};
	const runWorkflow = async (workflow: SendWorkflow, body: object) => {
		const response = await request(`${n8n.url}/webhook/${workflow.path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
			dispatcher: agent,
			headersTimeout: 900_000,
			bodyTimeout: 900_000,
		});
		const text = await response.body.text();
		if (response.statusCode !== 200)
			throw new Error(
				`${workflow.path} answered HTTP ${response.statusCode}: ${text.slice(0, 300)}`,
			);
	};
	const prepareSandbox = () => {
		sandbox.reset();
		if (LATENCY > 0) sandbox.injectFault('*', { kind: 'latency', latencyMs: LATENCY });
	};
	const sentRecipients = () => sandbox.messages().reduce((sum, m) => sum + m.recipients.length, 0);

	/** One run of a variant: whole workflow time from the webhook call, own time from the run data. */
	const once = async (
		label: string,
		run: () => Promise<void>,
		expected: number,
		workflow?: SendWorkflow,
	): Promise<RunRecord> => {
		prepareSandbox();
		const load = loadavg();
		const { result: wholeMs, peakRss } = await sampleRss(pid, () => timed(run));
		if (sentRecipients() !== expected)
			throw new Error(
				`${label}: the sandbox received ${sentRecipients()} recipients in ${sandbox.messages().length} messages from ${sandbox.calls().length} calls (${sandbox.requests.length} requests), not ${expected}`,
			);
		const own = workflow ? await ownTimes(workflow) : { ownMs: wholeMs, nodesMs: undefined };
		return {
			wholeMs,
			ownMs: own.ownMs,
			nodesMs: own.nodesMs,
			peakRssBytes: peakRss,
			loadavg: load,
		};
	};

	type Variant = { name: string; expected: number; run: (scale: number) => Promise<RunRecord> };
	const flow = (
		variantPath: string,
		body: (scale: number) => object & { count: number },
		sends: boolean,
		label: string,
	): Variant['run'] => {
		const workflow = byPath.get(variantPath) as SendWorkflow;
		return (scale) => {
			const b = body(scale);
			return once(
				`${engine} ${label}`,
				() => runWorkflow(workflow, b),
				sends ? b.count : 0,
				workflow,
			);
		};
	};
	const scaled = (count: number, scale: number) => Math.max(1, Math.round(count * scale));

	/** Measures variants: warm-up runs first, then RUNS rounds in alternating order. */
	const measure = async (workload: string, concurrency: number, variants: Variant[]) => {
		try {
			await measureVariants(workload, concurrency, variants);
		} catch (error) {
			// Recorded, and the run goes on with the next workload.
			results.errors.push({ engine, workload, error: String((error as Error).stack ?? error) });
			log(`  ${engine} ${workload}: ${(error as Error).message}`);
		}
	};
	const measureVariants = async (workload: string, concurrency: number, variants: Variant[]) => {
		const key = `${workload}@${concurrency}`;
		const entry = (results.engines[engine].workloads[key] ??= {
			workload,
			concurrency,
			variants: {},
		});
		for (let w = 0; w < WARMUP; w++) for (const v of variants) await v.run(0.1);
		for (let run = 0; run < RUNS; run++) {
			const order = run % 2 === 0 ? variants : [...variants].reverse();
			for (const v of order) {
				const record = await v.run(1);
				(entry.variants[v.name] ??= { items: v.expected, runs: [] }).runs.push(record);
				log(
					`  ${engine.padEnd(6)} ${workload.padEnd(3)} c=${String(concurrency).padEnd(3)} ${v.name.padEnd(9)} whole ${record.wholeMs.toFixed(0).padStart(6)} ms  own ${record.ownMs === null ? '     -' : record.ownMs.toFixed(0).padStart(6)} ms  rss ${(record.peakRssBytes / 2 ** 20).toFixed(0)} MiB`,
				);
			}
		}
	};

	const itemsBody =
		(count: number, personalised = false) =>
		(scale: number) => ({ count: scaled(count, scale), personalised });
	const listBody = (count: number) => (scale: number) => ({
		count: scaled(count, scale),
		list: true,
	});
	type Body = (scale: number) => object & { count: number };
	const variant = (
		workload: string,
		name: string,
		expected: number,
		variantPath: string,
		body: Body,
		sends = true,
	): Variant => ({ name, expected, run: flow(variantPath, body, sends, `${workload} ${name}`) });
	/** The SMSCenter node and its HTTP Request baseline in one form, each sending its own count. */
	const nodeAndHttp = (
		workload: string,
		c: number,
		f: Form,
		body: (count: number) => Body,
		nodeCount: number,
		httpCount: number,
	): Variant[] => [
		variant(workload, 'node', nodeCount, path(`node-${f}`, c), body(nodeCount)),
		variant(workload, 'http', httpCount, path(`http-${f}`, c), body(httpCount)),
	];
	/** The same start without the sending step. */
	const control = (workload: string, expected: number, body: Body): Variant =>
		variant(workload, 'control', expected, 'bench-control', body, false);
	const broadcastItems = (count: number) => itemsBody(count);
	const personalisedItems = (count: number) => itemsBody(count, true);

	if (!SKIP.includes('a')) {
		const c = A_CONCURRENCY;
		await measure('A1', c, [
			...nodeAndHttp('A1', c, 'expressions', broadcastItems, BROADCAST, BASELINE_BROADCAST),
			control('A1', BROADCAST, broadcastItems(BROADCAST)),
		]);
		await measure(
			'A2',
			c,
			nodeAndHttp('A2', c, 'typedText', broadcastItems, BROADCAST, BASELINE_BROADCAST),
		);
		await measure('A3', c, [
			...nodeAndHttp('A3', c, 'list', listBody, BROADCAST, BROADCAST),
			control('A3', 1, listBody(BROADCAST)),
		]);
	}
	if (!SKIP.includes('b')) {
		for (const c of CONCURRENCIES)
			await measure('B', c, [
				...nodeAndHttp('B', c, 'expressions', personalisedItems, PERSONALISED, PERSONALISED),
				{
					name: 'undici',
					expected: PERSONALISED,
					run: (scale) => {
						const count = scaled(PERSONALISED, scale);
						return once(
							`${engine} B undici`,
							() => rawUndiciLoop(sandbox.url, count, c, agent),
							count,
						);
					},
				},
				control('B', PERSONALISED, personalisedItems(PERSONALISED)),
			]);
	}
}

/** What a hand-written client would do: one request per item, `concurrency` in flight, the node's method and fields. */
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
			const body = new URLSearchParams([
				['UserName', 'demo'],
				['Password', PASSWORD],
				...sendFields(numberOf(i), personalisedText(i)),
			]).toString();
			const response = await request(`${baseUrl}/Web/WebServices/SendMessage.asmx/${SEND_METHOD}`, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body,
				dispatcher: agent,
			});
			const text = await response.body.text();
			if (!text.includes('<Response>OK</Response>'))
				throw new Error(`undici loop: ${text.slice(0, 200)}`);
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
}

/** Message IDs of C: each burst (and each prefill) its own range, so no two share a report. */
const firstIdOf = (run: number, slot: number) => 3_000_000 + run * 1_000_000 + slot * 100_000;

/** The trigger's stored duplicate memory holding `level` reports, as the node itself writes it. */
function prefilledMemory(level: number, firstId: number): object | undefined {
	if (level === 0) return undefined;
	const memory = new DeliveryMemory();
	const minute = memory.minute(Date.now());
	for (let i = 0; i < level; i++)
		memory.confirm(memoryKey(deliveryEventId(String(firstId + i), '972541234560', 600)), minute);
	return { [`node:${TRIGGER_NODE_NAME}`]: { [MEMORY_FIELD]: memory.toStored('benchPrefill') } };
}

/** Fires BURST notifications (a tenth repeats) at 50 in flight; counts executions through the sink. */
async function deliveryBurst(
	base: string,
	firstId: number,
	seed: number,
	sinkKeys: string[],
	agent: Agent,
	headers: Record<string, string> = {},
) {
	const unique = Math.round(BURST * 0.9);
	const burst = reportBurst(base, SECRET, {
		firstId,
		count: unique,
		repeats: BURST - unique,
		seed,
	});
	const before = sinkKeys.length;
	let acknowledged = 0;
	/** Answers other than `_OK_`, by HTTP status and the start of the body. */
	const refusals: Record<string, number> = {};
	/** Sends `urls` at BURST_IN_FLIGHT; gives back those not acknowledged. */
	const send = async (urls: string[]): Promise<string[]> => {
		const unanswered: string[] = [];
		let next = 0;
		await Promise.all(
			Array.from({ length: BURST_IN_FLIGHT }, async () => {
				while (next < urls.length) {
					const url = urls[next++];
					let answer: string;
					try {
						const response = await request(url, { dispatcher: agent, headers });
						const body = await response.body.text();
						answer = body.includes('_OK_') ? '' : `${response.statusCode} ${body.slice(0, 60)}`;
					} catch (error) {
						// A reset or refused connection is a failed attempt SMSCenter retries, not the end of the run.
						answer = `network ${(error as Error).message.slice(0, 60)}`;
					}
					if (answer === '') acknowledged++;
					else {
						refusals[answer] = (refusals[answer] ?? 0) + 1;
						unanswered.push(url);
					}
				}
			}),
		);
		return unanswered;
	};
	const load = loadavg();
	const started = performance.now();
	let unanswered: string[] = [];
	const ms = await timed(async () => {
		unanswered = await send(burst);
	});
	// What SMSCenter does with a notification that got no _OK_: it sends it again later (SMSCenter after
	// 5 minutes; here 2 s later, up to 5 times), so "lost" is a report that started no run within these
	// retries. Their time counts in settledMs.
	let retried = 0;
	for (let round = 0; round < 5 && unanswered.length > 0; round++) {
		await new Promise((resolve) => setTimeout(resolve, 2_000));
		retried += unanswered.length;
		unanswered = await send(unanswered);
	}
	// Executions run after the acknowledgement: wait until every distinct notification has reported,
	// or nothing new has come for 15 s.
	const ownKeys = () =>
		sinkKeys.slice(before).filter((key) => {
			const id = Number(key.split('|')[0]);
			return id >= firstId && id < firstId + unique;
		});
	let lastCount = -1;
	let quietSince = Date.now();
	for (let waited = 0; waited < 600_000; waited += 250) {
		await new Promise((resolve) => setTimeout(resolve, 250));
		const count = ownKeys().length;
		if (new Set(ownKeys()).size >= unique && count === lastCount) break;
		if (count !== lastCount) quietSince = Date.now();
		else if (Date.now() - quietSince > 15_000) break;
		lastCount = count;
	}
	const settledMs = performance.now() - started;
	const keys = ownKeys();
	const distinct = new Set(keys).size;
	return {
		ms,
		settledMs,
		acknowledged,
		refusals,
		retried,
		unacknowledgedAfterRetries: unanswered.length,
		lost: unique - distinct,
		duplicated: keys.length - distinct,
		loadavg: load,
	};
}

/** C and D: delivery-report bursts at each memory level against the Webhook node, under one engine. */
async function burstWorkload(
	n8n: N8nInstance,
	database: string,
	triggers: Array<{
		id: string;
		webhookId: string;
		level: number;
		run: number;
		firstId: number;
		setUp: TriggerSetUp;
	}>,
	sink: { keys: string[] },
	agent: Agent,
	engine: string,
	results: Results,
) {
	const c: NonNullable<EngineResults['c']> = {
		burst: BURST,
		inFlight: BURST_IN_FLIGHT,
		trigger: {},
		webhook: [],
		webhookAuth: [],
	};
	results.engines[engine].c = c;
	const authHeaders = { [HEADER_AUTH_NAME]: SECRET };
	// One warm-up burst each for the trigger (its main set-up), the Webhook node and the Webhook node with
	// Header Auth.
	const trigger = triggers.find((t) => t.run < 0);
	const warmUps: Array<{ url: string; firstId: number; headers?: Record<string, string> }> = [
		...(trigger
			? [{ url: `${n8n.url}/webhook/${trigger.webhookId}/delivery`, firstId: trigger.firstId }]
			: []),
		{ url: `${n8n.url}/webhook/${WEBHOOK_BASELINE_PATH}`, firstId: firstIdOf(0, 9) },
		{
			url: `${n8n.url}/webhook/${WEBHOOK_AUTH_BASELINE_PATH}`,
			firstId: firstIdOf(0, 6),
			headers: authHeaders,
		},
	];
	if (WARMUP > 0)
		for (const { url, firstId, headers } of warmUps)
			await deliveryBurst(url, firstId, 1, sink.keys, agent, headers);
	for (let run = 0; run < RUNS; run++) {
		const mine = triggers.filter((t) => t.run === run);
		const steps: Array<() => Promise<void>> = mine.map((t) => async () => {
			const outcome = await deliveryBurst(
				`${n8n.url}/webhook/${t.webhookId}/delivery`,
				t.firstId,
				run,
				sink.keys,
				agent,
			);
			const stored = psql(
				database,
				`SELECT "staticData"::text FROM workflow_entity WHERE id = '${t.id}'`,
			);
			const record = {
				...outcome,
				staticDataBytes: Buffer.byteLength(stored),
				rememberedBefore: t.level,
			};
			if (t.setUp === MAIN_SET_UP) (c.trigger[String(t.level)] ??= []).push(record);
			else ((c.setUps ??= {})[t.setUp] ??= []).push(record);
			log(
				`  ${engine.padEnd(6)} C   trigger${t.setUp === MAIN_SET_UP ? '' : ` (${t.setUp})`}, ${String(t.level).padStart(5)} remembered: ${outcome.ms.toFixed(0)} ms, ${(outcome.ms / BURST).toFixed(1)} ms/report, retried ${outcome.retried}, lost ${outcome.lost}, duplicated ${outcome.duplicated}, static data ${record.staticDataBytes} B`,
			);
		});
		const baselines = [
			{ name: 'Webhook node', path: WEBHOOK_BASELINE_PATH, slot: 8, records: c.webhook },
			{
				name: 'Webhook node, Header Auth',
				path: WEBHOOK_AUTH_BASELINE_PATH,
				slot: 7,
				records: (c.webhookAuth ??= []),
				headers: authHeaders,
			},
		];
		for (const baseline of baselines)
			steps.push(async () => {
				const outcome = await deliveryBurst(
					`${n8n.url}/webhook/${baseline.path}`,
					firstIdOf(run, baseline.slot),
					run,
					sink.keys,
					agent,
					baseline.headers,
				);
				baseline.records.push(outcome);
				log(
					`  ${engine.padEnd(6)} C   ${`${baseline.name}:`.padEnd(26)} ${outcome.ms.toFixed(0)} ms, retried ${outcome.retried}, lost ${outcome.lost}, duplicated ${outcome.duplicated}`,
				);
			});
		for (const step of run % 2 === 0 ? steps : [...steps].reverse()) await step();
	}
}

async function main(): Promise<void> {
	const results: Results = {
		date: new Date().toISOString(),
		machine: '',
		loadavg: { start: loadavg(), end: [] },
		flags: {
			quick: QUICK,
			latencyMs: LATENCY,
			runs: RUNS,
			warmup: WARMUP,
			engines: ENGINES,
			broadcast: BROADCAST,
			baselineBroadcast: BASELINE_BROADCAST,
			personalised: PERSONALISED,
			concurrency: CONCURRENCIES,
			aConcurrency: A_CONCURRENCY,
			burst: BURST,
			burstInFlight: BURST_IN_FLIGHT,
			levels: LEVELS,
			cEngines: C_ENGINES,
			skip: SKIP,
			argv,
		},
		n8nSettings: {},
		method: SEND_METHOD,
		engines: {},
		errors: [],
		complete: false,
		targets: [],
	};
	results.fastPaths = fastPathTimings();
	for (const t of results.fastPaths)
		log(
			`Fast path: ${t.path} (${t.input}): ${t.fullUs.toFixed(1)} µs full, ${t.fastUs.toFixed(2)} µs fast`,
		);
	const fixture = loadDefaultFixture();
	fixture.companies[0].sms = 100_000_000;
	fixture.companies[0].users[0].password = PASSWORD;
	// Every recipient is delivered (the fixture fails some by their last digit), so that one request
	// per item and one request per 500 items carry the same accepted recipients.
	fixture.rules = { ...fixture.rules, smsByLastDigit: {} };
	const sandbox: Sandbox = await startSandbox({ fixture, timeScale: 1e-4, port: SANDBOX_PORT });
	const sink = await startSink(SINK_PORT);
	const agent = new Agent({ connections: 256 });
	try {
		for (const engine of ALL_ENGINES) {
			const database = `smscenter_bench_${engine.replace(/\W/g, '_')}_${process.pid}`;
			const workDir = mkdtempSync(join(tmpdir(), 'smscenter-bench-'));
			createPostgresDatabase(database);
			const env = {
				...engineSettings(engine),
				EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
				EXECUTIONS_DATA_SAVE_ON_PROGRESS: 'false',
				EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'false',
				N8N_PAYLOAD_SIZE_MAX: '64',
			};
			results.n8nSettings = {
				...env,
				N8N_EXPRESSION_ENGINE: ALL_ENGINES.join(' | '),
				N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: "false (n8n's default); true under vm-lazy",
				database: 'PostgreSQL',
				mode: 'regular (main process)',
				N8N_LOG_LEVEL: 'warn',
			};
			const n8n = new N8nInstance({
				workDir,
				port: N8N_PORT,
				database: { type: 'postgres', name: database },
				logLevel: 'warn',
				env,
			});
			results.engines[engine] = { workloads: {} };
			try {
				installPackageInto(n8n.userFolder, workDir);
				n8n.importCredentials([
					{
						id: CREDENTIAL_ID,
						name: 'SMSCenter sandbox',
						type: 'smsCenterApi',
						data: { username: 'demo', password: PASSWORD, baseUrl: sandbox.url },
					},
					{
						id: TRIGGER_CREDENTIAL_ID,
						name: 'SMSCenter Trigger secret',
						type: 'smsCenterTriggerApi',
						data: { secret: SECRET },
					},
					{
						id: HEADER_AUTH_CREDENTIAL_ID,
						name: 'SMSCenter key header',
						type: 'httpHeaderAuth',
						data: { name: HEADER_AUTH_NAME, value: SECRET },
					},
				]);
				const concurrencies = [...new Set([A_CONCURRENCY, ...CONCURRENCIES])];
				const workflows = sendWorkflows(sandbox.url, PASSWORD, concurrencies);
				const runC = !SKIP.includes('c') && C_ENGINES.includes(engine);
				const triggers = runC
					? [
							{ level: LEVELS[0], run: -1, slot: 0, setUp: MAIN_SET_UP },
							...Array.from({ length: RUNS }, (_, run) => [
								...LEVELS.map((level, slot) => ({
									level,
									run,
									slot,
									setUp: MAIN_SET_UP,
								})),
								// Where the cost per report goes, at the first level: the slots after the levels'.
								...(['secret', 'noMemory'] as const).map((setUp, index) => ({
									level: LEVELS[0],
									run,
									slot: LEVELS.length + index,
									setUp,
								})),
							]).flat(),
						].map(({ level, run, slot, setUp }, index) => {
							const id = `BenchDlrTrig${String(index).padStart(4, '0')}`;
							const webhookId = `6a1b2c3d-4e5f-4a6b-8c7d-${String(index).padStart(12, '0')}`;
							// Bursts use IDs from the run's range; the prefill takes the range above them.
							const firstId = firstIdOf(run + 1, slot);
							return {
								id,
								webhookId,
								level,
								run,
								firstId,
								setUp,
								staticData: prefilledMemory(level, firstId + 50_000),
							};
						})
					: [];
				n8n.importWorkflows([
					...workflows.map((w) => w.workflow),
					...(runC
						? [
								webhookBaselineWorkflow(sink.url),
								webhookBaselineWorkflow(sink.url, true),
								...triggers.map((t) =>
									triggerWorkflow(t.id, t.webhookId, sink.url, SECRET, t.staticData, t.setUp),
								),
							]
						: []),
				]);
				const child = await n8n.start();
				if (!results.machine)
					results.machine = `${cpus().length} cores (${cpus()[0]?.model.trim()}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB; n8n ${n8n.cli(['--version']).trim().split('\n').pop()} on Node.js ${execFileSync(join(n8n.home, 'toolchain', 'node_modules', '.bin', 'node'), ['--version'], { encoding: 'utf8' }).trim()}, PostgreSQL`;
				for (const w of workflows) await n8n.activate(w.id);
				if (runC) {
					await n8n.activate('BenchDlrWebhook01');
					await n8n.activate('BenchDlrWebhookAu');
					for (const t of triggers) await n8n.activate(t.id);
				}
				const pid = child.pid as number;
				results.engines[engine].idleRssBytes = rssOf(pid);
				log(
					`n8n with ${Object.entries(engineSettings(engine))
						.map(([name, value]) => `${name}=${value}`)
						.join(' ')} (load average ${loadavg().join(' ')})`,
				);
				if (ENGINES.includes(engine))
					await sendWorkloads(n8n, pid, sandbox, workflows, agent, engine, results);
				if (runC) {
					await burstWorkload(n8n, database, triggers, sink, agent, engine, results);
					results.engines[engine].cPeakRssBytes = rssOf(pid);
				}
			} catch (error) {
				// Recorded, and the run goes on with the next engine: what was measured is still written.
				results.errors.push({ engine, error: String((error as Error).stack ?? error) });
				log(`  ${engine}: ${(error as Error).message}`);
			} finally {
				await n8n.stop();
				dropPostgresDatabase(database);
				rmSync(workDir, { recursive: true, force: true });
			}
			// Written after each engine, so that a run stopped later still leaves what it measured.
			results.loadavg.end = loadavg();
			results.complete = engine === ALL_ENGINES[ALL_ENGINES.length - 1];
			report(results);
		}
	} finally {
		await sandbox.close();
		sink.server.close();
		await agent.close();
	}
}

function report(results: Results): void {
	results.targets = evaluate(results);
	log('');
	log(
		`Medians of ${RUNS} runs (after ${WARMUP} warm-up); sandbox latency ${LATENCY} ms; ${results.machine}`,
	);
	log(
		`Load average at start ${results.loadavg.start.join(' ')}, at end ${results.loadavg.end.join(' ')}`,
	);
	for (const e of results.errors)
		log(`Failed: ${e.engine} ${e.workload ?? ''} ${e.error.split('\n')[0]}`);
	log('Targets:');
	for (const t of results.targets)
		log(
			`  ${t.status.padEnd(8)} ${t.engine.padEnd(6)} ${t.workload.padEnd(4)} ${t.target.padEnd(62)} ${t.value}`,
		);
	const out = join(PACKAGE_ROOT, 'bench');
	mkdirSync(out, { recursive: true });
	const suffix = QUICK ? '.quick' : '';
	writeFileSync(join(out, `results${suffix}.json`), `${JSON.stringify(results, null, 2)}\n`);
	writeFileSync(join(out, `chart${suffix}.png`), renderChart(results));
	log(`\nWrote bench/results${suffix}.json and bench/chart${suffix}.png`);
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
