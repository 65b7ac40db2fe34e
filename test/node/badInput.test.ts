import { startSandbox, type Sandbox } from '../../sandbox/server';
import { runSmsCenter } from '../harness/executeWorkflow';

type Case = [label: string, operation: string, parameters: Record<string, unknown>, message: string];

const SMS = { resource: 'sms', operation: 'send', recipients: '0541234560', message: 'Hello', senderName: 'MyShop' };
const VOICE = { resource: 'voiceCall', operation: 'send', recordId: '101', recipients: '0541234560', message: 'Hello', senderName: 'Clinic' };

/** Locally invalid input: each fails its own item, naming item and field, and sends no request. */
const CASES: Case[] = [
	['empty message (from an expression)', 'sms', { message: '={{ "" }}' }, 'Item 1: Message: the message is empty'],
	['whitespace-only message', 'sms', { message: ' \n\t ' }, 'Item 1: Message: the message is empty'],
	['over-long message', 'sms', { message: 'x'.repeat(1600) }, 'Item 1: Message: the text needs 11 SMS segments (1600 GSM-7 characters); the limit is 10'],
	['control character', 'sms', { message: 'bell\u0007' }, 'Item 1: Message: the message contains the control character U+0007 at position 5'],
	['NUL character', 'sms', { message: 'a\u0000b' }, 'Item 1: Message: the message contains the control character U+0000 at position 2'],
	['broken surrogate', 'sms', { message: 'x\uD83D' }, 'Item 1: Message: the message contains a broken surrogate pair'],
	['letters in number', 'sms', { recipients: '054-ABC4567' }, 'Item 1: Recipients: invalid phone number "054-ABC4567" (only digits, spaces, dashes, dots, brackets and a leading + are allowed)'],
	['too short number', 'sms', { recipients: '054123' }, 'Item 1: Recipients: invalid phone number "054123" (too short for a phone number)'],
	['too long number', 'sms', { recipients: '05412345678901234' }, 'Item 1: Recipients: invalid phone number "05412345678901234" (longer than the 15 digits a phone number can have)'],
	['landline for SMS', 'sms', { recipients: '03-1234567' }, 'Item 1: Recipients: invalid phone number "03-1234567" (an Israeli SMS recipient must be a mobile number (05X))'],
	['invalid number for its country', 'sms', { recipients: '+44 12' }, 'Item 1: Recipients: invalid phone number "+44 12" (too short for a phone number)'],
	['empty recipients (from an expression)', 'sms', { recipients: '={{ $json.missing }}' }, 'Item 1: Recipients: no recipient was given'],
	['separators only', 'sms', { recipients: ' , ; \n' }, 'Item 1: Recipients: no recipient was given'],
	['one bad among good', 'sms', { recipients: '0541234560, 0541234561, 12' }, 'Item 1: Recipients: invalid phone number "12" (too short for a phone number)'],
	['empty sender (from an expression)', 'sms', { senderName: '={{ "" }}' }, 'Item 1: Sender Name: the sender name is empty'],
	['sender too long', 'sms', { senderName: 'VeryLongSenderName' }, 'Item 1: Sender Name: "VeryLongSenderName" has 18 characters'],
	['sender with symbols', 'sms', { senderName: 'Shop!' }, 'Item 1: Sender Name: "Shop!" has characters other than English letters, digits and spaces'],
	['sender in Hebrew', 'sms', { senderName: 'חנות' }, 'Item 1: Sender Name: "חנות" has characters other than English letters, digits and spaces'],
	['numeric sender too long', 'sms', { senderName: '1234567890123456' }, 'Item 1: Sender Name: "1234567890123456" has 16 digits'],
	['negative delay', 'sms', { options: { delayMinutes: -5 } }, 'Item 1: Delay (Minutes): -5 is below 0; give whole minutes from 0 to 525600'],
	['fractional delay', 'sms', { options: { delayMinutes: 2.5 } }, 'Item 1: Delay (Minutes): 2.5 is not a whole number; give whole minutes from 0 to 525600'],
	['NaN delay', 'sms', { options: { delayMinutes: 'soon' } }, 'Item 1: Delay (Minutes): "soon" is not a number; give whole minutes from 0 to 525600'],
	['huge delay', 'sms', { options: { delayMinutes: 99999999 } }, 'Item 1: Delay (Minutes): 99999999 is above 525600; give whole minutes from 0 to 525600'],
	['negative expiration', 'sms', { options: { expirationMinutes: -1 } }, 'Item 1: Expiration (Minutes): -1 is below 0; give whole minutes from 0 to 525600'],
	['fractional expiration', 'sms', { options: { expirationMinutes: 0.1 } }, 'Item 1: Expiration (Minutes): 0.1 is not a whole number; give whole minutes from 0 to 525600'],
	['Send At in the past', 'sms', { options: { sendAt: '2020-01-01T10:00:00' } }, 'Item 1: Send At: 2020-01-01T08:00:00.000Z is in the past'],
	['Send At not a date', 'sms', { options: { sendAt: 'next week' } }, 'Item 1: Send At: "next week" is not a date-time'],
	['both delay and Send At', 'sms', { options: { delayMinutes: 5, sendAt: '2099-01-01T10:00:00' } }, 'Item 1: Send At: give either Delay (Minutes) or Send At, not both'],
	['reverse billing without price', 'sms', { options: { smsOperation: 'ReverseBilling' } }, 'Item 1: Price: a reverse billing message needs a price above zero'],
	['negative price', 'sms', { options: { price: -1 } }, 'Item 1: Price: -1 is not a price of zero or more'],
	['bad CC e-mail', 'sms', { options: { ccEmails: 'ops@example.com, nobody' } }, 'Item 1: CC E-Mail Addresses: not an e-mail address: "nobody"'],
	['non-numeric RecordID', 'voice', { recordId: 'welcome' }, 'Item 1: Record ID: "welcome" is not a positive whole number'],
	['empty RecordID (from an expression)', 'voice', { recordId: '={{ "" }}' }, 'Item 1: Record ID: it is empty'],
	['negative RecordID', 'voice', { recordId: '-4' }, 'Item 1: Record ID: "-4" is not a positive whole number'],
	['non-numeric message ID', 'responses', { messageId: '12ab' }, 'Item 1: Message ID: "12ab" is not a positive whole number'],
	['fractional message ID', 'responses', { messageId: '1.5' }, 'Item 1: Message ID: "1.5" is not a positive whole number'],
];

describe('bad input is refused locally, naming the item and the field', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => sandbox.reset());

	it.each(CASES)('%s', async (_label, kind, overrides, message) => {
		const base = kind === 'sms' ? SMS : kind === 'voice' ? VOICE : { resource: 'voiceCall', operation: 'getResponses' };
		const result = await runSmsCenter(sandbox.url, { ...base, ...overrides } as never);
		expect(result.error()?.message).toBe(message);
		expect(sandbox.requests).toHaveLength(0);
	});

	it('with Continue On Fail, a bad item becomes an error item and the good ones are sent in one request', async () => {
		const result = await runSmsCenter(
			sandbox.url,
			{ ...SMS, recipients: '={{ $json.to }}' } as never,
			[{ to: '0541234560' }, { to: 'not-a-number' }, { to: '0541234561' }],
			{ node: { continueOnFail: true } },
		);
		expect(result.output().map((item) => [item.json.error ?? item.json.status, item.pairedItem])).toEqual([
			['OK', { item: 0 }],
			['Item 2: Recipients: invalid phone number "not-a-number" (only digits, spaces, dashes, dots, brackets and a leading + are allowed)', { item: 1 }],
			['OK', { item: 2 }],
		]);
		expect(sandbox.calls().map((c) => new URLSearchParams(c.body).get('SendToPhoneNumbers'))).toEqual(['0541234560,0541234561']);
	});

	it('never lets user text change the request structure', async () => {
		const hostile = '</Message><Password>stolen</Password>&UserName=admin&Price=9 ]]> &amp; <!ENTITY x "y">';
		for (const protocol of ['httpPost', 'soap11']) {
			sandbox.reset();
			const result = await runSmsCenter(sandbox.url, { ...SMS, message: hostile, senderName: 'Shop' } as never, [{}], { credentials: { protocol } });
			expect(result.error()).toBeUndefined();
			const [call] = sandbox.calls();
			expect(call.params).toMatchObject({ UserName: 'demo', Password: 'demo-api-key', Message: hostile, Price: '0' });
			expect(sandbox.messages()[0].text).toBe(hostile);
		}
	});
});
