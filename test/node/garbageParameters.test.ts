import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';
import { readDateTime } from '../../nodes/shared/dates';
import { runSmsCenter } from '../harness/executeWorkflow';
import { useSandbox } from '../harness/sandbox';
import { MINIMAL } from './fixtures';

/**
 * Every parameter of every operation that an expression may fill: where it sits in the node's
 * parameters, the label its errors name, and what it takes.
 */
type Kind =
	| { kind: 'number'; min: number; max: number; whole: boolean }
	| { kind: 'option'; values: string[] }
	| { kind: 'flag' }
	| { kind: 'text' }
	| { kind: 'recipients' }
	| { kind: 'digits' }
	| { kind: 'dateTime' };

interface Field {
	path: string[];
	label: string;
	type: Kind;
	/** Options the field is read under (the opt-out line only for advertising messages). */
	options?: Record<string, unknown>;
}

interface Operation {
	name: string;
	parameters: Record<string, unknown>;
	fields: Field[];
}

const number = (min: number, max: number, whole = true): Kind => ({
	kind: 'number',
	min,
	max,
	whole,
});
const field = (
	path: string | string[],
	label: string,
	type: Kind,
	options?: Record<string, unknown>,
): Field => ({ path: Array.isArray(path) ? path : [path], label, type, options });

// The Options and Connection collections themselves are not here: n8n replaces a collection given
// as anything but an object by its default before the node runs.
const CONNECTION: Field[] = [
	field(['connection', 'protocol'], 'Protocol', {
		kind: 'option',
		values: ['credential', 'httpPost', 'soap11'],
	}),
	field(['connection', 'timeoutSeconds'], 'Timeout (Seconds)', number(1, 600)),
	field(['connection', 'readAttempts'], 'Read Attempts', number(1, 10)),
	field(['connection', 'backoffMs'], 'Retry Wait (Milliseconds)', number(0, 60_000)),
];
const MESSAGE: Field[] = [
	field('recipients', 'Recipients', { kind: 'recipients' }),
	field('message', 'Message', { kind: 'text' }),
	field(['options', 'advertising'], 'Advertising Message', { kind: 'flag' }),
	field(['options', 'optOutLine'], 'Opt-Out Line', { kind: 'text' }, { advertising: true }),
];
const SENDER = field('senderName', 'Sender Name', { kind: 'text' });
const TIMING: Field[] = [
	field(['options', 'delayMinutes'], 'Delay (Minutes)', number(0, 525_600)),
	field(['options', 'expirationMinutes'], 'Expiration (Minutes)', number(0, 525_600)),
	field(['options', 'sendAt'], 'Send At', { kind: 'dateTime' }),
];

const OPERATIONS: Operation[] = [
	{
		name: 'SMS send',
		parameters: { ...MINIMAL.smsSend, options: {} },
		fields: [
			...MESSAGE,
			SENDER,
			...TIMING,
			field(['options', 'balanceGuard'], 'Balance Guard', { kind: 'flag' }),
			field(['options', 'batchSize'], 'Batch Size', number(1, 10_000)),
			field(['options', 'ccEmails'], 'CC E-Mail Addresses', { kind: 'text' }),
			field(['options', 'concurrency'], 'Concurrency', number(1, 100)),
			field(['options', 'messageOption'], 'Message Option', {
				kind: 'option',
				values: ['auto', 'Concatenated', 'Regular', 'Reply'],
			}),
			field(['options', 'price'], 'Price', number(0, 1000, false)),
			field(['options', 'returnMessageId'], 'Return Message ID', { kind: 'flag' }),
			field(['options', 'smsOperation'], 'SMS Operation', {
				kind: 'option',
				values: ['Push', 'Pull', 'ReverseBilling'],
			}),
			...CONNECTION,
		],
	},
	{
		name: 'SMS estimate',
		parameters: { ...MINIMAL.smsEstimate, options: {} },
		fields: [
			...MESSAGE,
			field(['options', 'includeBalance'], 'Include Balance', { kind: 'flag' }),
			...CONNECTION,
		],
	},
	{
		name: 'SMS simple URL API',
		parameters: { ...MINIMAL.smsSendSimple, options: {} },
		fields: [...MESSAGE, SENDER, ...CONNECTION],
	},
	{
		name: 'voice call send',
		parameters: { ...MINIMAL.voiceSend, options: {} },
		fields: [
			field('recordId', 'Record ID', { kind: 'digits' }),
			field('recipients', 'Recipients', { kind: 'recipients' }),
			field('message', 'Message', { kind: 'text' }),
			SENDER,
			...TIMING,
			...CONNECTION,
		],
	},
	{
		name: 'voice call responses',
		parameters: MINIMAL.voiceResponses,
		fields: [field('messageId', 'Message ID', { kind: 'digits' }), ...CONNECTION],
	},
	{
		name: 'company balance',
		parameters: MINIMAL.companyBalance,
		fields: CONNECTION,
	},
	{
		name: 'user balances',
		parameters: MINIMAL.userBalances('ThisUser'),
		fields: [
			field('mode', 'Users', { kind: 'option', values: ['AllUsers', 'ThisUser'] }),
			...CONNECTION,
		],
	},
];

/** A value an expression gives: JSON travels in the item, NaN and the infinities as an expression of their own. */
type Garbage = { json: unknown } | { expression: 'NaN' | 'Infinity' | '-Infinity' };

const json = (value: unknown): Garbage => ({ json: value });
const nonFinite = fc.constantFrom<Garbage>(
	{ expression: 'NaN' },
	{ expression: 'Infinity' },
	{ expression: '-Infinity' },
);
const structured = fc
	.oneof(fc.object({ maxDepth: 2 }), fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }))
	.map(json);
const isNumberText = (text: string) => /^\s*[+-]?\d+(\.\d+)?\s*$/.test(text);

/** Values the field must refuse: each generator gives only values outside what the field takes. */
function garbageFor(type: Kind): fc.Arbitrary<Garbage> {
	switch (type.kind) {
		case 'number': {
			const fractional = type.whole
				? [
						fc
							.double({ min: type.min, max: Math.min(type.max, 1e6), noNaN: true })
							.filter((x) => !Number.isInteger(x))
							.map(json),
					]
				: [];
			return fc.oneof(
				fc
					.string({ minLength: 1 })
					.filter((s) => s.trim() !== '' && !isNumberText(s))
					.map(json),
				fc.integer({ min: -1e9, max: type.min - 1 }).map(json),
				fc.integer({ min: type.max + 1, max: Number.MAX_SAFE_INTEGER }).map((n) => json(n)),
				fc.integer({ min: type.max + 1, max: 1e12 }).map((n) => json(String(n))),
				...fractional,
				nonFinite,
				fc.boolean().map(json),
				structured,
			);
		}
		case 'option':
			return fc.oneof(
				fc
					.string({ minLength: 1 })
					.filter((s) => !type.values.includes(s))
					.map(json),
				fc.integer().map(json),
				fc.boolean().map(json),
				structured,
			);
		case 'flag':
			return fc.oneof(
				fc
					.string({ minLength: 1 })
					.filter((s) => s !== 'true' && s !== 'false')
					.map(json),
				fc.integer().map(json),
				structured,
			);
		case 'text':
			return fc.oneof(fc.boolean().map(json), structured, nonFinite);
		case 'recipients':
			return fc.oneof(
				fc.boolean().map(json),
				fc.object({ maxDepth: 1 }).map(json),
				fc
					.array(fc.oneof(fc.boolean(), fc.object({ maxDepth: 1 })), { minLength: 1, maxLength: 3 })
					.map(json),
				nonFinite,
			);
		case 'digits':
			return fc.oneof(
				fc
					.string({ minLength: 1 })
					.filter((s) => !/^\s*\d{1,18}\s*$/.test(s))
					.map(json),
				fc.integer({ max: -1 }).map(json),
				fc
					.double({ noNaN: true })
					.filter((x) => !Number.isInteger(x))
					.map(json),
				fc.boolean().map(json),
				structured,
				nonFinite,
			);
		case 'dateTime':
			return fc.oneof(
				fc
					.string({ minLength: 1 })
					.filter((s) => s.trim() !== '' && readDateTime(s, 'Asia/Jerusalem') === undefined)
					.map(json),
				fc.integer().map(json),
				fc.boolean().map(json),
				structured,
			);
	}
}

/** The operation's parameters with one field set to an expression that gives the garbage. */
function withGarbage(
	operation: Operation,
	target: Field,
	garbage: Garbage,
): Record<string, unknown> {
	const parameters = structuredClone(operation.parameters);
	if (target.options) parameters.options = { ...(parameters.options as object), ...target.options };
	const expression = 'expression' in garbage ? `={{ ${garbage.expression} }}` : '={{ $json.v }}';
	let holder: Record<string, unknown> = parameters;
	for (const key of target.path.slice(0, -1)) {
		holder[key] = typeof holder[key] === 'object' && holder[key] !== null ? holder[key] : {};
		holder = holder[key] as Record<string, unknown>;
	}
	holder[target.path[target.path.length - 1]] = expression;
	return parameters;
}

const CASES = OPERATIONS.flatMap((operation) =>
	operation.fields.map((target) => ({ operation, target })),
);

describe('garbage from expressions in every parameter of every operation', () => {
	const sandbox = useSandbox();

	const refusedLocally = async (operation: Operation, target: Field, garbage: Garbage) => {
		sandbox.reset();
		const item = ('json' in garbage ? { v: garbage.json } : {}) as IDataObject;
		const run = await runSmsCenter(sandbox.url, withGarbage(operation, target, garbage) as never, [
			item,
		]);
		const error = run.error();
		return { run, error, requests: sandbox.requests.length };
	};

	/** A table: each field with values every kind of field refuses. */
	it.each(
		CASES.map(
			({ operation, target }) => [operation.name, target.label, operation, target] as const,
		),
	)('%s: %s refuses "abc", NaN, objects and arrays', async (_name, label, operation, target) => {
		const values: Garbage[] = [json([1]), json({ a: 1 }), { expression: 'NaN' }];
		if (target.type.kind !== 'text' && target.type.kind !== 'recipients') values.push(json('abc'));
		if (target.type.kind === 'number')
			values.push(
				json(-1),
				json(target.type.max + 1),
				json(1e12),
				...(target.type.whole ? [json(2.5)] : []),
			);
		for (const garbage of values) {
			const { error, requests } = await refusedLocally(operation, target, garbage);
			expect(error?.message).toMatch(new RegExp(`^Item 1: ${label.replace(/[()]/g, '\\$&')}: `));
			expect(requests).toBe(0);
		}
	});

	it('a property: any garbage in any parameter ends the run with an error naming that parameter, and nothing is sent', async () => {
		const arbitrary = fc
			.constantFrom(...CASES)
			.chain(({ operation, target }) =>
				garbageFor(target.type).map((garbage) => ({ operation, target, garbage })),
			);
		await fc.assert(
			fc.asyncProperty(arbitrary, async ({ operation, target, garbage }) => {
				const { error, requests } = await refusedLocally(operation, target, garbage);
				expect(error?.message.startsWith(`Item 1: ${target.label}: `)).toBe(true);
				expect(error?.message).not.toMatch(/TypeError|is not a function|Cannot read|undefined/);
				expect(requests).toBe(0);
			}),
			{ numRuns: 300, seed: 20261125 },
		);
	}, 120_000);
});
