import { runSmsCenter } from '../harness/executeWorkflow';
import { fixtureWith, useSandbox } from '../harness/sandbox';
import { MINIMAL } from './fixtures';

/** Codes that name what every JavaScript object has: a lookup that reaches the prototype finds a function. */
const PROTOTYPE_CODES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
const FAST = { timeoutSeconds: 2, readAttempts: 1, backoffMs: 10 };

const ANSWERED: Array<[target: string, parameters: Record<string, unknown>]> = [
	['SendMessageReturnMessageID', MINIMAL.smsSend],
	['SendMessagesV2', MINIMAL.smsSendV2],
	['SendIVRMessages', MINIMAL.voiceSend],
	['GetMessagesResponseByMessageID', MINIMAL.voiceResponses],
	['CheckCompanyPrePaid', MINIMAL.companyBalance],
	['CheckUsersPrePaid', MINIMAL.userBalances('AllUsers')],
];

describe('codes from outside never reach an object prototype', () => {
	const sandbox = useSandbox({
		fixture: fixtureWith((fixture) => {
			// Calls end at once, with a status the gateway might add one day.
			fixture.rules = {
				...fixture.rules,
				acceptAfterSeconds: 0,
				finalAfterSeconds: 0,
				ivrDefault: { status: 'constructor', callLength: 3, response: null },
			};
		}),
	});

	const cases = ANSWERED.flatMap(([target, parameters]) =>
		PROTOTYPE_CODES.map((code) => [target, code, parameters] as const),
	);

	it.each(cases)('%s answered %s: an unknown code, in words', async (target, code, parameters) => {
		sandbox.injectFault(target, { kind: 'answerCode', code });
		const run = await runSmsCenter(sandbox.url, { ...parameters, connection: FAST } as never);
		const error = run.error();
		// A prepaid method's unknown code reads as a balance withheld from this login; any other as an unknown code.
		const withheld =
			(target === 'CheckCompanyPrePaid' || target === 'CheckUsersPrePaid') &&
			/^[A-Za-z]/.test(code);
		expect(error?.message).toBe(
			`SMSCenter answered ${code}: ${withheld ? 'the balance was not given to this login' : 'SMSCenter answered with a code this node does not know.'}`,
		);
		expect(error?.description).toMatch(
			withheld ? /back-office administrators/ : /Contact SMSCenter support\./,
		);
		expect(
			JSON.stringify({ message: error?.message, description: error?.description }),
		).not.toMatch(/function|native code/);
	});

	it.each(PROTOTYPE_CODES)(
		'the simple URL API answered %s: not a documented answer',
		async (code) => {
			sandbox.injectFault('pushsms', { kind: 'answerCode', code });
			const run = await runSmsCenter(sandbox.url, {
				resource: 'sms',
				operation: 'sendSimple',
				recipients: '0541234560',
				message: 'Hello',
				senderName: 'MyShop',
				connection: FAST,
			} as never);
			expect(run.error()?.message).toBe("SMSCenter's answer could not be read (pushsms.aspx)");
		},
	);

	it('an IVR status called "constructor" is an unknown status, not a function in the item', async () => {
		const call = await runSmsCenter(sandbox.url, ANSWERED[2][1] as never);
		const messageId = call.output()[0].json.messageId as string;
		const run = await runSmsCenter(sandbox.url, {
			resource: 'voiceCall',
			operation: 'getResponses',
			messageId,
		} as never);
		expect(run.output().map((item) => item.json.status)).toEqual([
			{ name: 'constructor', code: null, meaning: 'Unknown status', final: false },
		]);
	});
});

/** Characters XML 1.0 cannot carry, in any field: the item's bad input, named by field, in both protocols; never an invalid envelope. */
describe('control characters in any field', () => {
	const sandbox = useSandbox();

	const [SMS, VOICE, SIMPLE] = [MINIMAL.smsSend, MINIMAL.voiceSend, MINIMAL.smsSendSimple];
	const FIELDS: Array<[name: string, parameters: Record<string, unknown>, message: string]> = [
		[
			'CC e-mail',
			{ ...SMS, options: { ccEmails: 'ops\u0001@example.com' } },
			'Item 1: CC E-Mail Addresses: the text contains the control character U+0001 at position 4',
		],
		[
			'opt-out line',
			{ ...SMS, options: { advertising: true, optOutLine: 'stop\u0008' } },
			'Item 1: Opt-Out Line: the text contains the control character U+0008 at position 5',
		],
		[
			'message, U+FFFE',
			{ ...SMS, message: 'Hi \uFFFE' },
			'Item 1: Message: the message contains the control character U+FFFE at position 4',
		],
		[
			'message, a lone surrogate',
			{ ...VOICE, message: '\uDC00 call' },
			'Item 1: Message: the message contains a broken surrogate pair',
		],
		[
			'message, NUL',
			{ ...SIMPLE, message: 'a\u0000b' },
			'Item 1: Message: the message contains the control character U+0000 at position 2',
		],
		[
			'sender',
			{ ...SMS, senderName: 'Shop\u001b' },
			'Item 1: Sender Name: "Shop\u001b" has characters outside the GSM 7-bit alphabet, which an SMS sender name cannot carry (3GPP TS 23.038 and 23.040); use English letters, digits and spaces',
		],
		[
			'recipients',
			{ ...SMS, recipients: '0541234560\u0007' },
			'Item 1: Recipients: invalid phone number "0541234560\u0007" (only digits, spaces, dashes, dots, brackets and a leading + are allowed)',
		],
	];
	const cases = FIELDS.flatMap(([name, parameters, message]) =>
		['httpPost', 'soap11'].map((protocol) => [name, protocol, parameters, message] as const),
	);

	it.each(cases)('%s over %s', async (_name, protocol, parameters, message) => {
		const run = await runSmsCenter(sandbox.url, {
			...parameters,
			connection: { protocol },
		} as never);
		expect(run.error()?.message).toBe(message);
		expect(sandbox.requests).toHaveLength(0);
	});
});
