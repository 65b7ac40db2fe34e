/** The benchmark's results as written to `bench/results.json`, and the targets read from them. */

/** One measured run of a variant. */
export interface RunRecord {
	wholeMs: number;
	/** Sum of `executionTime` of the variant's own nodes over all their runs, from n8n's run data. */
	ownMs: number | null;
	/** Each node's own time in this run. */
	nodesMs?: Record<string, number>;
	peakRssBytes: number;
	loadavg: number[];
}

export interface BurstRecord {
	/** From the first notification sent until the last one of the burst was answered (before retries). */
	ms: number;
	/** From the first notification sent until every execution had reported to the counter, retries included. */
	settledMs: number;
	acknowledged: number;
	/** Answers other than `_OK_` (the gateway retries those), by HTTP status and the start of the body. */
	refusals?: Record<string, number>;
	/** Notifications sent again because they got no `_OK_` (as SMSCenter retries them), and how many never got one. */
	retried?: number;
	unacknowledgedAfterRetries?: number;
	lost: number;
	duplicated: number;
	loadavg: number[];
	staticDataBytes?: number;
	rememberedBefore?: number;
}

export interface EngineResults {
	workloads: Record<
		string,
		{
			workload: string;
			concurrency: number;
			variants: Record<string, { items: number; runs: RunRecord[] }>;
		}
	>;
	idleRssBytes?: number;
	cPeakRssBytes?: number;
	c?: {
		burst: number;
		inFlight: number;
		trigger: Record<string, BurstRecord[]>;
		webhook: BurstRecord[];
		/** The Webhook node checking the same secret from a Header Auth credential on each call. */
		webhookAuth?: BurstRecord[];
		/** At the first level: the trigger at version 1 (the secret a parameter), and without the duplicate memory. */
		setUps?: Record<string, BurstRecord[]>;
	};
}

export interface Target {
	engine: string;
	workload: string;
	target: string;
	value: string;
	status: 'met' | 'missed' | 'reported';
}

export interface Results {
	date: string;
	machine: string;
	loadavg: { start: number[]; end: number[] };
	flags: Record<string, unknown>;
	n8nSettings: Record<string, string>;
	method: string;
	engines: Record<string, EngineResults>;
	/** Per call, each fast path against the full path it falls back to (bench/micro.ts). */
	fastPaths?: Array<{ path: string; input: string; fullUs: number; fastUs: number }>;
	targets: Target[];
	/** False while engines remain to be measured (the file is written after each engine). */
	complete: boolean;
	/** What failed during the run (the rest was still measured). */
	errors: Array<{ engine: string; workload?: string; error: string }>;
}

export function stats(values: number[]): { median: number; min: number; max: number } {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return {
		median: sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2,
		min: sorted[0],
		max: sorted[sorted.length - 1],
	};
}

const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
const x = (value: number) => `${value >= 10 ? value.toFixed(0) : value.toFixed(2)}x`;

/** Median own (or whole) time of a variant, undefined when it was not measured. */
export function medianOf(
	engine: EngineResults,
	key: string,
	variant: string,
	field: 'ownMs' | 'wholeMs',
): number | undefined {
	const runs = engine.workloads[key]?.variants[variant]?.runs;
	if (!runs || runs.length === 0) return undefined;
	return stats(runs.map((r) => r[field] ?? 0)).median;
}

function itemsOf(engine: EngineResults, key: string, variant: string): number {
	return engine.workloads[key]?.variants[variant]?.items ?? 1;
}

/** A "higher is better" ratio against its goal. */
function atLeast(ratio: number, goal: number): { status: Target['status']; value: string } {
	if (ratio >= goal) return { status: 'met', value: x(ratio) };
	return {
		status: 'missed',
		value: `${x(ratio)} (${((1 - ratio / goal) * 100).toFixed(0)}% short)`,
	};
}

function atMost(ratio: number, goal: number): { status: Target['status']; value: string } {
	if (ratio <= goal) return { status: 'met', value: x(ratio) };
	return {
		status: 'missed',
		value: `${x(ratio)} (${((ratio / goal - 1) * 100).toFixed(0)}% over)`,
	};
}

export function evaluate(results: Results): Target[] {
	const targets: Target[] = [];
	for (const [name, engine] of Object.entries(results.engines)) {
		const add = (
			workload: string,
			target: string,
			verdict: { status: Target['status']; value: string },
		) => targets.push({ engine: name, workload, target, ...verdict });
		for (const [key, entry] of Object.entries(engine.workloads)) {
			const { workload } = entry;
			if (workload === 'A1' || workload === 'A2') {
				const node = medianOf(engine, key, 'node', 'ownMs');
				const http = medianOf(engine, key, 'http', 'ownMs');
				if (node === undefined || http === undefined) continue;
				const nodePerItem = node / itemsOf(engine, key, 'node');
				const httpPerItem = http / itemsOf(engine, key, 'http');
				const verdict = atLeast(httpPerItem / nodePerItem, 10);
				add(
					workload,
					`node's own time per item <= 1/10 of the HTTP Request node's (c=${entry.concurrency})`,
					{
						...verdict,
						value: `${verdict.value}: ${(nodePerItem * 1000).toFixed(0)} vs ${(httpPerItem * 1000).toFixed(0)} µs/item`,
					},
				);
			}
			if (workload === 'A3') {
				const node = medianOf(engine, key, 'node', 'ownMs');
				const http = medianOf(engine, key, 'http', 'ownMs');
				if (node === undefined || http === undefined) continue;
				const verdict = atLeast(http / node, 50);
				add(
					workload,
					`node >= 50x faster than Split Out + HTTP Request, own time (c=${entry.concurrency})`,
					{
						...verdict,
						value: `${verdict.value}: ${ms(node)} vs ${ms(http)} ms`,
					},
				);
			}
			if (workload === 'B') {
				const nodeWhole = medianOf(engine, key, 'node', 'wholeMs');
				const httpWhole = medianOf(engine, key, 'http', 'wholeMs');
				const nodeOwn = medianOf(engine, key, 'node', 'ownMs');
				const undici = medianOf(engine, key, 'undici', 'wholeMs');
				if (nodeWhole !== undefined && httpWhole !== undefined) {
					const verdict = atLeast(httpWhole / nodeWhole, 1.2);
					add(
						workload,
						`node >= 1.2x faster than HTTP Request, whole workflow (c=${entry.concurrency})`,
						{
							...verdict,
							value: `${verdict.value}: ${ms(nodeWhole)} vs ${ms(httpWhole)} ms`,
						},
					);
				}
				if (nodeOwn !== undefined && undici !== undefined) {
					const verdict = atMost(nodeOwn / undici, 1.5);
					add(
						workload,
						`node's own time within 1.5x of a raw undici loop (c=${entry.concurrency})`,
						{
							...verdict,
							value: `${verdict.value}: ${ms(nodeOwn)} vs ${ms(undici)} ms`,
						},
					);
				}
			}
		}
		const c = engine.c;
		if (c) {
			const levels = Object.keys(c.trigger)
				.map(Number)
				.sort((a, b) => a - b);
			const all = levels.flatMap((level) => c.trigger[String(level)]);
			// Lost: every burst of the trigger, whatever its set-up; duplicated: those with the duplicate memory.
			const setUpRecords = Object.entries(c.setUps ?? {});
			const lost = Math.max(...[...all, ...setUpRecords.flatMap(([, r]) => r)].map((r) => r.lost));
			const duplicated = Math.max(
				...[
					...all,
					...setUpRecords.filter(([setUp]) => setUp !== 'noMemory').flatMap(([, r]) => r),
				].map((r) => r.duplicated),
			);
			const baselineLost = Math.max(...[...c.webhook, ...(c.webhookAuth ?? [])].map((r) => r.lost));
			add('C', 'no report lost (each burst, every level and set-up)', {
				status: lost === 0 ? 'met' : 'missed',
				value: `at most ${lost} lost (Webhook nodes: ${baselineLost})`,
			});
			add('C', 'no duplicated execution (each burst, every level and set-up with the memory)', {
				status: duplicated === 0 ? 'met' : 'missed',
				value: `at most ${duplicated} duplicated (Webhook node: ${Math.max(...c.webhook.map((r) => r.duplicated))})`,
			});
			const first = stats(c.trigger[String(levels[0])].map((r) => r.ms)).median;
			const webhook = stats(c.webhook.map((r) => r.ms)).median;
			const rate = (burstMs: number) => ((c.burst * 1000) / burstMs).toFixed(1);
			const verdict = atLeast(webhook / first, 0.8);
			add('C', `acknowledged/s >= 0.8x the Webhook node's (${levels[0]} remembered)`, {
				...verdict,
				value: `${verdict.value}: ${rate(first)} vs ${rate(webhook)}/s`,
			});
			const last = levels[levels.length - 1];
			const atLast = stats(c.trigger[String(last)].map((r) => r.ms)).median;
			const flat = atMost(atLast / first, 1.2);
			add('C', `cost per report at ${last} remembered <= 1.2x at ${levels[0]}`, {
				...flat,
				value: `${flat.value}: ${(atLast / c.burst).toFixed(1)} vs ${(first / c.burst).toFixed(1)} ms/report`,
			});
			if (c.webhookAuth?.length) {
				const withAuth = stats(c.webhookAuth.map((r) => r.ms)).median;
				add(
					'C',
					`acknowledged/s against the Webhook node with Header Auth (the same secret checked per call)`,
					{
						status: 'reported',
						value: `${(withAuth / first).toFixed(2)}x: ${rate(first)} vs ${rate(withAuth)}/s`,
					},
				);
			}
			for (const [setUp, records] of Object.entries(c.setUps ?? {})) {
				const median = stats(records.map((r) => r.ms)).median;
				add('C', `acknowledged/s, trigger ${setUp} (${levels[0]} remembered)`, {
					status: 'reported',
					value: `${rate(median)}/s (${(webhook / median).toFixed(2)}x the Webhook node's)`,
				});
			}
			const bytes = Math.max(...(c.trigger[String(last)] ?? []).map((r) => r.staticDataBytes ?? 0));
			add('D', `trigger static data after a burst at ${last} remembered`, {
				status: 'reported',
				value: `${(bytes / 1024).toFixed(0)} KiB`,
			});
		}
		for (const [key, entry] of Object.entries(engine.workloads)) {
			if (entry.workload !== 'A1' && entry.workload !== 'B') continue;
			const peak = (variant: string) =>
				Math.max(...(entry.variants[variant]?.runs ?? []).map((r) => r.peakRssBytes)) / 2 ** 20;
			if (!entry.variants.node || !entry.variants.http) continue;
			add('D', `peak RSS in ${key}: node vs HTTP Request`, {
				status: 'reported',
				value: `${peak('node').toFixed(0)} vs ${peak('http').toFixed(0)} MiB (idle ${((engine.idleRssBytes ?? 0) / 2 ** 20).toFixed(0)})`,
			});
		}
	}
	return targets;
}
