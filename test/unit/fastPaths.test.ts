import fc from 'fast-check';
import { measureFully, measureText } from '../../nodes/SmsCenter/helpers/messageSegments';
import { normaliseFully, normalisePhoneNumber } from '../../nodes/shared/phoneNumbers';
import {
	readAsmxResult,
	readAsmxResultFully,
	readTinyAnswer,
} from '../../nodes/shared/transport/responseParser';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { request } from 'undici';

/** What a reader gives: its value, or the error it throws (class and message). */
function outcome(read: () => unknown): unknown {
	try {
		return { value: read() };
	} catch (error) {
		return { error: (error as Error).constructor.name, message: (error as Error).message };
	}
}

const RUNS = { numRuns: 3000 };

describe('phone numbers: the 05XXXXXXXX fast path agrees with the full path', () => {
	const digit = fc.constantFrom(...'0123456789');
	const common = fc.array(digit, { minLength: 8, maxLength: 8 }).map((d) => `05${d.join('')}`);
	/** Near the common form: other lengths and prefixes, separators, spaces, a +972 form. */
	const near = fc.oneof(
		fc
			.array(fc.constantFrom(...'0123456789 -+().'), { minLength: 0, maxLength: 16 })
			.map((c) => c.join('')),
		fc
			.tuple(
				fc.constantFrom('05', '5', '+9725', '9725', '005', ' 05', '05-', '04', '06'),
				fc.array(digit, { minLength: 6, maxLength: 10 }),
			)
			.map(([prefix, d]) => `${prefix}${d.join('')}`),
		common.map((n) => `${n} `),
		common.map((n) => `${n}0`),
	);

	it('for every number of the common form, both kinds', () => {
		fc.assert(
			fc.property(
				common,
				fc.constantFrom('sms', 'voice') as fc.Arbitrary<'sms' | 'voice'>,
				(n, kind) => {
					const fast = normalisePhoneNumber(n, kind);
					expect(fast).toEqual(normaliseFully(n, kind));
					expect(fast).toEqual({ valid: true, number: n });
				},
			),
			RUNS,
		);
	});

	it('for text near the common form (which the full path reads)', () => {
		fc.assert(
			fc.property(
				near,
				fc.constantFrom('sms', 'voice') as fc.Arbitrary<'sms' | 'voice'>,
				(n, kind) => {
					expect(normalisePhoneNumber(n, kind)).toEqual(normaliseFully(n, kind));
				},
			),
			RUNS,
		);
	});

	it('for each 05X prefix at the lowest and highest numbers', () => {
		for (let x = 0; x <= 9; x++)
			for (const rest of ['0000000', '9999999', '1234567'])
				expect(normalisePhoneNumber(`05${x}${rest}`, 'sms')).toEqual(
					normaliseFully(`05${x}${rest}`, 'sms'),
				);
	});
});

describe('SMS segments: the plain GSM-7 fast path agrees with the full path', () => {
	const plain = [
		...'\n\r !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz',
		...'£¥èéùìòÇØøÅåΔΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà',
	];
	/** GSM-7 extension characters (two septets), and characters GSM-7 has not (UCS-2). */
	const other = [...'[]{}\\^~|€`', 'ç', 'ש', 'é', '😀', '\u00a0', '\t', '\u2019', 'Ä'];

	it('for plain GSM-7 texts of every length, around each segment boundary', () => {
		const text = fc
			.integer({ min: 1, max: 1600 })
			.chain((length) =>
				fc
					.array(fc.constantFrom(...plain), { minLength: length, maxLength: length })
					.map((c) => c.join('')),
			);
		fc.assert(
			fc.property(text, (t) => {
				expect(measureText(t)).toEqual(measureFully(t));
			}),
			{ numRuns: 200 },
		);
		for (const length of [1, 159, 160, 161, 305, 306, 307, 459, 460, 461, 1530, 1531])
			expect(measureText('a'.repeat(length))).toEqual(measureFully('a'.repeat(length)));
	});

	it('for texts mixing plain characters with extension and non-GSM characters', () => {
		const text = fc
			.array(
				fc.oneof(
					{ weight: 8, arbitrary: fc.constantFrom(...plain) },
					{ weight: 1, arbitrary: fc.constantFrom(...other) },
				),
				{
					minLength: 1,
					maxLength: 400,
				},
			)
			.map((c) => c.join(''));
		fc.assert(
			fc.property(text, (t) => {
				expect(measureText(t)).toEqual(measureFully(t));
			}),
			{ numRuns: 1000 },
		);
	});
});

describe('gateway answers: the tiny-answer fast path reads as the full path does', () => {
	const name = fc.constantFrom(
		'SendMessageV2ReturnMessageID',
		'SendMessageReturnValues',
		'string',
		'Envelope',
		'constructor',
		'toString',
		'__proto__',
		'a1',
		'Response',
	);
	const textChar = fc.constantFrom(
		...'OK-0123456789 abcXYZ',
		'\t',
		'\n',
		'\u00a0',
		'&',
		'&amp;',
		'<',
		'>',
		'"',
		"'",
		'\u0001',
		'ש',
	);
	const text = fc.array(textChar, { minLength: 0, maxLength: 12 }).map((c) => c.join(''));
	const space = fc.constantFrom('', ' ', '\r\n', '\n  ', '\t');
	const declaration = fc.constantFrom(
		'',
		'<?xml version="1.0" encoding="utf-8"?>',
		'<?xml version="1.0"?>',
		'<?xml version="1.0" encoding="utf-8"?>\r\n',
	);
	const xmlns = fc.constantFrom(
		'',
		' xmlns="http://smscenter.co.il/"',
		' xmlns=""',
		" xmlns='x'",
		' a="1"',
		' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns="http://www.smscenter.co.il/"',
		' xmlns:xsd="x" xmlns:xsi="y"',
		' xmlns:xsi="x" xmlns:xsi="y"',
		' xmlns="a" xmlns="b"',
		' xmlns:xsi="x" xmlns="a"',
	);
	const document = fc.oneof(
		fc
			.tuple(space, declaration, space, name, xmlns, text, space)
			.map(([s1, d, s2, n, ns, t, s3]) => `${s1}${d}${s2}<${n}${ns}>${t}</${n}>${s3}`),
		fc
			.tuple(declaration, space, name, xmlns, space, text, space, text, space, fc.boolean())
			.map(([d, s1, n, ns, s2, response, s3, id, s4, swap]) => {
				const r = `<Response>${response}</Response>`;
				const m = `<MessageID>${id}</MessageID>`;
				return `${d}${s1}<${n}${ns}>${s2}${swap ? m : r}${s3}${swap ? r : m}${s4}</${n}>`;
			}),
	);

	it('for generated documents near the gateway shapes', () => {
		fc.assert(
			fc.property(document, (body) => {
				const tiny = readTinyAnswer(body);
				if (tiny !== undefined)
					expect(tiny).toEqual(readAsmxResultFully(body, 'SendMessageReturnMessageID'));
				expect(outcome(() => readAsmxResult(body, 'SendMessageReturnMessageID'))).toEqual(
					outcome(() => readAsmxResultFully(body, 'SendMessageReturnMessageID')),
				);
			}),
			RUNS,
		);
	});

	describe('the answers the sandbox gives', () => {
		let sandbox: Sandbox;
		beforeAll(async () => {
			sandbox = await startSandbox();
		});
		afterAll(async () => {
			await sandbox.close();
		});

		it.each(['SendMessageReturnMessageID', 'SendMessagesV2'])(
			'take the fast path for %s',
			async (method) => {
				const response = await request(
					`${sandbox.url}/Web/WebServices/SendMessage.asmx/${method}`,
					{
						method: 'POST',
						headers: { 'content-type': 'application/x-www-form-urlencoded' },
						body: new URLSearchParams({
							UserName: 'demo',
							Password: 'demo-api-key',
							SenderName: 'MyShop',
							SendToPhoneNumbers: '0541234567',
							CCToEmail: '',
							Message: 'Hello',
							SMSOperation: 'Push',
							DeliveryDelayInMinutes: '0',
							ExpirationDelayInMinutes: '1440',
							MessageOption: 'Regular',
							Price: '0',
						}).toString(),
					},
				);
				const body = await response.body.text();
				const tiny = readTinyAnswer(body);
				expect(tiny).not.toBeUndefined();
				expect(tiny).toEqual(readAsmxResultFully(body, method));
			},
		);
	});
});
