import fc from 'fast-check';
import { Workflow, type IDataObject, type INodeExecutionData } from 'n8n-workflow';
import { jsonFieldPath, readJsonField } from '../../nodes/SmsCenter/helpers/jsonFieldExpression';
import { PackageNodeTypes, SMSCENTER_TYPE } from '../harness/packageTypes';

/**
 * `{{ $json.<path> }}` read straight from the item must give what n8n's own evaluation gives, for any
 * item; where the direct read declines (undefined), n8n evaluates the expression as before.
 */
const nodeTypes = new PackageNodeTypes();
const workflow = new Workflow({
	nodes: [
		{
			id: 'n',
			name: 'SMSCenter',
			type: SMSCENTER_TYPE,
			typeVersion: 1.1,
			position: [0, 0],
			parameters: {},
		},
	],
	connections: {},
	active: false,
	nodeTypes,
});

/** n8n's value of `expression` for item 0 of `items`, or the error it throws. */
function evaluatedByN8n(expression: string, items: INodeExecutionData[]): unknown {
	try {
		return {
			value: workflow.expression.getParameterValue(
				expression,
				null,
				0,
				0,
				'SMSCenter',
				items,
				'manual',
				{},
			),
		};
	} catch (error) {
		return { error: (error as Error).message };
	}
}

const key = fc.oneof(
	{
		weight: 4,
		arbitrary: fc.constantFrom(
			'to',
			'phone',
			'text',
			'mobile',
			'contact',
			'a',
			'_x',
			'$y',
			'דוא"ל',
			'with space',
		),
	},
	// Names n8n refuses or its engines answer differently: the direct read must leave them to n8n.
	fc.constantFrom(
		'caller',
		'my-caller',
		'constructorName',
		'hasOwnProperty',
		'toString',
		'arguments',
		'process',
		'a}}b',
		'a\nb',
		'a\u2028b',
		'__proto__',
	),
	fc.string({ maxLength: 6 }),
);
const leaf = fc.oneof(
	fc.string({ maxLength: 12 }),
	fc.stringMatching(/^05\d{8}$/),
	fc.integer(),
	fc.double(),
	fc.boolean(),
	fc.constant(null),
	fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.integer()), { maxLength: 4 }),
	fc.array(fc.oneof(fc.string(), fc.boolean(), fc.constant(null)), { maxLength: 3 }),
);
const json = fc.letrec((tie) => ({
	value: fc.oneof({ depthSize: 'small' }, leaf, tie('object')),
	object: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
})).object as fc.Arbitrary<IDataObject>;

/** A step to `name` as a user writes it: `.name` where it is an identifier, else a bracket. */
const stepTo = (name: string, quote: '"' | "'", dot: boolean) =>
	dot && /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${quote}${name}${quote}]`;

/** A path through the item's own fields (so that most expressions find a value), sometimes beyond them. */
function pathInto(item: unknown, choices: number[], extra: string | null): string[] {
	const path: string[] = [];
	let value = item;
	for (const choice of choices) {
		if (typeof value !== 'object' || value === null || Array.isArray(value)) break;
		const names = Object.keys(value);
		if (names.length === 0) break;
		const name = names[choice % names.length];
		path.push(name);
		value = (value as Record<string, unknown>)[name];
	}
	if (extra !== null || path.length === 0) path.push(extra ?? 'to');
	return path;
}

const case_ = fc
	.tuple(
		json,
		fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
		fc.option(key, { freq: 4 }),
		fc.constantFrom<'"' | "'">('"', "'"),
		fc.boolean(),
		fc.constantFrom('', ' ', '  '),
	)
	.map(([item, choices, extra, quote, dot, space]) => {
		const steps = pathInto(item, choices, extra)
			.filter((name) => !name.includes(quote) && !name.includes('\\'))
			.map((name) => stepTo(name, quote, dot));
		return { item, raw: `={{${space}$json${steps.join('')}${space}}}` };
	});
const others = fc.constantFrom(
	'={{ $json.to + 1 }}',
	'={{ $json.to }} and more',
	'={{ $json.constructor }}',
	'={{ $json.__proto__ }}',
	'={{ $json["__proto__"] }}',
	'={{ $json.to.length }}',
	'={{ $json[0] }}',
	'=$json.to',
	'{{ $json.to }}',
);

describe('a parameter that is only a field of the item ({{ $json.phone }})', () => {
	it('recognises the field expressions a user writes, and nothing else', () => {
		expect(jsonFieldPath('={{ $json.phone }}')).toEqual(['phone']);
		expect(jsonFieldPath('={{$json.contact.mobile}}')).toEqual(['contact', 'mobile']);
		expect(jsonFieldPath(`={{ $json["full name"]['first'] }}`)).toEqual(['full name', 'first']);
		for (const other of [
			'={{ $json.phone }} ',
			'={{ $json.phone.trim() }}',
			'={{ $json.phone || $json.mobile }}',
			'={{ $json }}',
			'={{ $json.__proto__ }}',
			'={{ $json.constructor }}',
			'={{ $json[""] }}',
			'={{ $json["a\\"b"] }}',
			'={{ $input.item.json.phone }}',
			'={{ $("Node").item.json.phone }}',
			'0541234567',
			'={{ $json.a.b.c.d.e.f.g.h.i }}',
			'={{ $json.caller }}',
			'={{ $json["my caller"] }}',
			'={{ $json.constructorName }}',
			'={{ $json.contact.constructorPhone }}',
			'={{ $json.hasOwnProperty }}',
			'={{ $json["a}}b"] }}',
			'={{ $json["a\nb"] }}',
			42,
			undefined,
		])
			expect(jsonFieldPath(other)).toBeUndefined();
	});

	it('gives what n8n evaluates, for any item, or leaves it to n8n', () => {
		let direct = 0;
		fc.assert(
			fc.property(
				fc.oneof(
					case_,
					fc.tuple(json, others).map(([item, raw]) => ({ item, raw })),
				),
				({ item, raw }) => {
					const path = jsonFieldPath(raw);
					if (!path) return;
					const value = readJsonField(item, path);
					if (value === undefined) return;
					direct++;
					expect({ value }).toEqual(evaluatedByN8n(raw, [{ json: item }]));
				},
			),
			{ numRuns: 6000 },
		);
		// The comparison above ran on many items, not only on declined ones.
		expect(direct).toBeGreaterThan(100);
	});

	it('reads the common cases straight from the item', () => {
		const item = { phone: '0541234567', n: 972541234567, list: ['0541', 5], deep: { to: 'x' } };
		expect(readJsonField(item, ['phone'])).toBe('0541234567');
		expect(readJsonField(item, ['n'])).toBe(972541234567);
		expect(readJsonField(item, ['deep', 'to'])).toBe('x');
		const list = readJsonField(item, ['list']);
		expect(list).toEqual(['0541', 5]);
		expect(list).not.toBe(item.list);
		// Missing, null, objects, booleans and lists of other things are left to n8n.
		for (const path of [['missing'], ['deep'], ['deep', 'none'], ['phone', 'length'], ['n', 'x']])
			expect(readJsonField(item, path)).toBeUndefined();
		expect(readJsonField({ a: null }, ['a'])).toBeUndefined();
		expect(readJsonField({ a: true }, ['a'])).toBeUndefined();
		expect(readJsonField({ a: [1, { b: 2 }] }, ['a'])).toBeUndefined();
		expect(readJsonField({ a: Number.NaN }, ['a'])).toBeUndefined();
		expect(readJsonField(Object.create({ a: 'inherited' }) as object, ['a'])).toBeUndefined();
	});
});
