/**
 * `npm run bench:rate`: does a paced run keep to its Rate Limit? The SMSCenter node runs in n8n's
 * engine (n8n-core's WorkflowExecute, as in the engine tests) against the sandbox with added latency;
 * the rate is measured from the times the sandbox received each request, not from the node's own
 * report: the messages received before the last request, over the time from the first request to the
 * last (the last request's own messages have no time after them in the run). A run passes when that
 * rate is within 5% of the limit.
 *   --latency MS (50)  --scale F (1: more items and longer runs with a larger F)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox } from '../sandbox/server';
import { runSmsCenter, sendOfEachItem } from '../test/harness/executeWorkflow';
import { arrivals } from '../test/harness/sandbox';

function flag(name: string, fallback: number): number {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const LATENCY = flag('latency', 50);
const SCALE = flag('scale', 1);
const log = (text: string) => process.stdout.write(`${text}\n`);

interface Case {
	name: string;
	limit: number;
	per: 'second' | 'minute';
	/** Items: one recipient each with its own text, or one item to many recipients. */
	items: Array<{ to: string; text: string }>;
	options: Record<string, unknown>;
	segments: number;
}

const number = (i: number) => `0541${String(i).padStart(5, '0')}0`;

const CASES: Case[] = [
	{
		name: 'personalised, 10/second, concurrency 5',
		limit: 10,
		per: 'second',
		items: Array.from({ length: 200 * SCALE }, (_, i) => ({ to: number(i), text: `Hello ${i}` })),
		options: { concurrency: 5 },
		segments: 1,
	},
	{
		name: 'broadcast of one 2-segment text, 100/second, Batch Size 500',
		limit: 100,
		per: 'second',
		items: [
			{
				to: Array.from({ length: 1000 * SCALE }, (_, i) => number(i)).join(','),
				text: 'x'.repeat(200),
			},
		],
		options: { batchSize: 500 },
		segments: 2,
	},
	{
		name: 'personalised, 300/minute, concurrency 5',
		limit: 300,
		per: 'minute',
		items: Array.from({ length: 60 * SCALE }, (_, i) => ({ to: number(i), text: `Hi ${i}` })),
		options: { concurrency: 5 },
		segments: 1,
	},
];

async function main(): Promise<void> {
	const sandbox = await startSandbox();
	const results = [];
	try {
		for (const run of CASES) {
			sandbox.reset();
			sandbox.injectFault('*', { kind: 'latency', latencyMs: LATENCY });
			const started = Date.now();
			const result = await runSmsCenter(
				sandbox.url,
				sendOfEachItem({
					options: { rateLimit: run.limit, rateLimitPer: run.per, ...run.options },
				}),
				run.items,
			);
			const error = result.error();
			if (error) throw error;
			const received = arrivals(sandbox, 'SendMessageReturnMessageID', run.segments);
			const total = received.reduce((sum, a) => sum + a.messages, 0);
			const before = total - received[received.length - 1].messages;
			const spanMs = received[received.length - 1].at - received[0].at;
			const period = run.per === 'second' ? 1000 : 60_000;
			const measured = (before * period) / spanMs;
			const deviation = (measured - run.limit) / run.limit;
			const reported = (result.output()[0].json.rateLimit as { achievedRate: number }).achievedRate;
			const row = {
				name: run.name,
				limit: `${run.limit}/${run.per}`,
				requests: received.length,
				messages: total,
				seconds: Math.round(spanMs) / 1000,
				wallSeconds: (Date.now() - started) / 1000,
				measuredRate: Math.round(measured * 100) / 100,
				nodeReportedRate: reported,
				deviationPercent: Math.round(deviation * 10_000) / 100,
				withinFivePercent: Math.abs(deviation) <= 0.05,
			};
			results.push(row);
			log(
				`${row.name}: ${row.requests} requests, ${row.messages} messages in ${row.seconds} s: ${row.measuredRate}/${run.per} measured at the sandbox (node reports ${reported}), ${row.deviationPercent}% from the limit ${row.withinFivePercent ? 'OK' : 'OUTSIDE 5%'}`,
			);
		}
	} finally {
		await sandbox.close();
	}
	writeFileSync(
		join(__dirname, 'rateLimit-results.json'),
		`${JSON.stringify({ latencyMs: LATENCY, scale: SCALE, results }, null, '\t')}\n`,
	);
	if (results.some((row) => !row.withinFivePercent)) process.exitCode = 1;
}

void main();
