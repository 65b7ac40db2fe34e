import { useSandbox } from '../../harness/sandbox';
import { startCountingProxy } from '../../harness/countingProxy';
import { runSmsCenter } from '../../harness/executeWorkflow';
import { type BadInput, itRefusesLocally, MINIMAL } from '../fixtures';

const SEND_PATH = '/Web/WebServices/SendMessage.asmx/SendMessageReturnMessageID';

function form(body: string): Record<string, string> {
	return Object.fromEntries(new URLSearchParams(body));
}

const FAST = { timeoutSeconds: 1, readAttempts: 3, backoffMs: 20 };
const SMS = MINIMAL.smsSend;

/** A Delay or Expiration option out of range, in the node's words. */
const badMinutes = (
	name: string,
	option: 'delayMinutes' | 'expirationMinutes',
	value: number | string,
	problem: string,
): BadInput => [
	name,
	{ options: { [option]: value } },
	`Item 1: ${option === 'delayMinutes' ? 'Delay' : 'Expiration'} (Minutes): ${problem}; give whole minutes from 0 to 525600`,
];

/** Locally invalid input: each fails its own item, naming item and field, and sends no request. */
const BAD_INPUT: BadInput[] = [
	[
		'empty message (from an expression)',
		{ message: '={{ "" }}' },
		'Item 1: Message: the message is empty',
	],
	['whitespace-only message', { message: ' \n\t ' }, 'Item 1: Message: the message is empty'],
	[
		'control character',
		{ message: 'bell\u0007' },
		'Item 1: Message: the message contains the control character U+0007 at position 5',
	],
	[
		'NUL character',
		{ message: 'a\u0000b' },
		'Item 1: Message: the message contains the control character U+0000 at position 2',
	],
	[
		'broken surrogate',
		{ message: 'x\uD83D' },
		'Item 1: Message: the message contains a broken surrogate pair',
	],
	[
		'letters in number',
		{ recipients: '054-ABC4567' },
		'Item 1: Recipients: invalid phone number "054-ABC4567" (only digits, spaces, dashes, dots, brackets and a leading + are allowed)',
	],
	[
		'too short number',
		{ recipients: '054123' },
		'Item 1: Recipients: invalid phone number "054123" (too short for a phone number)',
	],
	[
		'too long number',
		{ recipients: '05412345678901234' },
		'Item 1: Recipients: invalid phone number "05412345678901234" (longer than the 15 digits a phone number can have)',
	],
	[
		'landline for SMS',
		{ recipients: '03-1234567' },
		'Item 1: Recipients: invalid phone number "03-1234567" (an Israeli SMS recipient must be a mobile number (05X))',
	],
	[
		'invalid number for its country',
		{ recipients: '+44 12' },
		'Item 1: Recipients: invalid phone number "+44 12" (too short for a phone number)',
	],
	[
		'empty recipients (from an expression)',
		{ recipients: '={{ $json.missing }}' },
		'Item 1: Recipients: no recipient was given',
	],
	['separators only', { recipients: ' , ; \n' }, 'Item 1: Recipients: no recipient was given'],
	[
		'one bad among good',
		{ recipients: '0541234560, 0541234561, 12' },
		'Item 1: Recipients: invalid phone number "12" (too short for a phone number)',
	],
	[
		'empty sender (from an expression)',
		{ senderName: '={{ "" }}' },
		'Item 1: Sender Name: the sender name is empty',
	],
	[
		'sender too long',
		{ senderName: 'VeryLongSenderName' },
		'Item 1: Sender Name: "VeryLongSenderName" has 18 characters; a sender name carries at most 11 (3GPP TS 23.040)',
	],
	[
		'sender in Hebrew',
		{ senderName: 'חנות' },
		'Item 1: Sender Name: "חנות" has characters outside the GSM 7-bit alphabet, which an SMS sender name cannot carry (3GPP TS 23.038 and 23.040); use English letters, digits and spaces',
	],
	[
		'numeric sender too long',
		{ senderName: '1234567890123456' },
		'Item 1: Sender Name: "1234567890123456" has 16 digits; a numeric sender has at most 15 (ITU-T E.164)',
	],
	badMinutes('negative delay', 'delayMinutes', -5, '-5 is below 0'),
	badMinutes('fractional delay', 'delayMinutes', 2.5, '2.5 is not a whole number'),
	badMinutes('NaN delay', 'delayMinutes', 'soon', '"soon" is not a number'),
	badMinutes('huge delay', 'delayMinutes', 99999999, '99999999 is above 525600'),
	badMinutes('negative expiration', 'expirationMinutes', -1, '-1 is below 0'),
	badMinutes('fractional expiration', 'expirationMinutes', 0.1, '0.1 is not a whole number'),
	[
		'Send At in the past',
		{ options: { sendAt: '2020-01-01T10:00:00' } },
		'Item 1: Send At: 2020-01-01T08:00:00.000Z is in the past',
	],
	[
		'Send At not a date',
		{ options: { sendAt: 'next week' } },
		'Item 1: Send At: "next week" is not a date-time',
	],
	[
		'both delay and Send At',
		{ options: { delayMinutes: 5, sendAt: '2099-01-01T10:00:00' } },
		'Item 1: Send At: give either Delay (Minutes) or Send At, not both',
	],
	[
		'reverse billing without price',
		{ options: { smsOperation: 'ReverseBilling' } },
		'Item 1: Price: a reverse billing message needs a price above zero',
	],
	[
		'negative price',
		{ options: { price: -1 } },
		'Item 1: Price: -1 is below 0; give a number from 0 to 1000',
	],
	[
		'bad CC e-mail',
		{ options: { ccEmails: 'ops@example.com, nobody' } },
		'Item 1: CC E-Mail Addresses: not an e-mail address: "nobody"',
	],
	[
		'more CC addresses than recipients',
		{ options: { ccEmails: 'ops@example.com, boss@example.com' } },
		'Item 1: CC E-Mail Addresses: 2 addresses for 1 recipient: SMSCenter may pair each CC address with a recipient, so give at most one address per recipient',
	],
];

describe('SMS: Send (web service) in the n8n engine', () => {
	const sandbox = useSandbox();

	const send = (
		parameters: Record<string, unknown>,
		items?: Array<Record<string, unknown>>,
		credentials?: Record<string, unknown>,
	) =>
		runSmsCenter(
			sandbox.url,
			{
				resource: 'sms',
				operation: 'send',
				senderName: 'MyShop',
				message: 'Hello',
				...parameters,
			} as never,
			items as never,
			{ credentials: credentials as never },
		);

	it('sends one SMS with SendMessageReturnMessageID and normalised recipients', async () => {
		const result = await send({ recipients: '+972541234560, 054-123 4561' });
		expect(result.error()).toBeUndefined();
		expect(result.output()).toEqual([
			{
				json: {
					status: 'OK',
					partial: false,
					messageId: '1000001',
					messageIds: ['1000001'],
					recipients: ['0541234560', '0541234561'],
					recipientCount: 2,
					encoding: 'GSM-7',
					characters: 5,
					segmentsPerRecipient: 1,
					totalSegments: 2,
					sender: 'MyShop',
					messageOption: 'Regular',
				},
				pairedItem: { item: 0 },
			},
		]);
		const calls = sandbox.calls();
		expect(calls).toHaveLength(1);
		expect(calls[0].path).toBe(SEND_PATH);
		expect(calls[0].body).toBe(
			'UserName=demo&Password=demo-api-key&SenderName=MyShop&SendToPhoneNumbers=0541234560%2C0541234561&CCToEmail=&Message=Hello&SMSOperation=Push&DeliveryDelayInMinutes=0&ExpirationDelayInMinutes=1440&MessageOption=Regular&Price=0',
		);
	});

	it('batches items with the same text into one request, one output item each with its pairedItem', async () => {
		const items = Array.from({ length: 5 }, (_, i) => ({ phone: `05412345${60 + i}` }));
		const result = await send({ recipients: '={{ $json.phone }}' }, items);
		const calls = sandbox.calls();
		expect(calls).toHaveLength(1);
		expect(form(calls[0].body).SendToPhoneNumbers).toBe(
			'0541234560,0541234561,0541234562,0541234563,0541234564',
		);
		expect(
			result.output().map((item) => [item.json.recipients, item.json.messageId, item.pairedItem]),
		).toEqual(items.map((item, index) => [[item.phone], '1000001', { item: index }]));
	});

	it('splits batches at the batch size', async () => {
		const items = Array.from({ length: 5 }, (_, i) => ({ phone: `05412345${60 + i}` }));
		const result = await send(
			{ recipients: '={{ $json.phone }}', options: { batchSize: 2 } },
			items,
		);
		expect(sandbox.calls().map((c) => form(c.body).SendToPhoneNumbers)).toEqual([
			'0541234560,0541234561',
			'0541234562,0541234563',
			'0541234564',
		]);
		expect(result.output().map((item) => item.json.messageId)).toEqual([
			'1000001',
			'1000001',
			'1000002',
			'1000002',
			'1000003',
		]);
	});

	it('sends personalised texts separately with bounded concurrency, keeping the output order', async () => {
		// Each answer is held back a little, so that requests overlap; the proxy counts how many are open at once.
		sandbox.injectFault('SendMessageReturnMessageID', { kind: 'latency', latencyMs: 40 });
		const proxy = await startCountingProxy(sandbox.url);
		try {
			const items = Array.from({ length: 6 }, (_, i) => ({
				phone: `05412345${60 + i}`,
				name: `N${i}`,
			}));
			const result = await runSmsCenter(
				proxy.url,
				{
					resource: 'sms',
					operation: 'send',
					senderName: 'MyShop',
					recipients: '={{ $json.phone }}',
					message: '=Hi {{ $json.name }}',
					options: { concurrency: 3 },
				},
				items,
			);
			const calls = sandbox.calls();
			expect(calls).toHaveLength(6);
			expect(calls.map((c) => form(c.body).Message).sort()).toEqual([
				'Hi N0',
				'Hi N1',
				'Hi N2',
				'Hi N3',
				'Hi N4',
				'Hi N5',
			]);
			expect(result.output().map((item) => item.json.recipients)).toEqual(
				items.map((item) => [item.phone]),
			);
			const messageOf = new Map(sandbox.messages().map((m) => [m.id, m.text]));
			expect(result.output().map((item) => messageOf.get(item.json.messageId as string))).toEqual(
				items.map((item) => `Hi ${item.name}`),
			);
			expect(proxy.peakInFlight()).toBe(3);
		} finally {
			await proxy.close();
		}
	});

	it('passes every option to the gateway', async () => {
		const result = await send({
			recipients: '0541234560, 0541234561',
			message: 'x'.repeat(170),
			options: {
				ccEmails: 'ops@example.com, boss@example.com',
				smsOperation: 'ReverseBilling',
				price: 1.5,
				delayMinutes: 30,
				expirationMinutes: 120,
			},
		});
		expect(result.error()).toBeUndefined();
		expect(form(sandbox.calls()[0].body)).toMatchObject({
			CCToEmail: 'ops@example.com,boss@example.com',
			SMSOperation: 'ReverseBilling',
			Price: '1.5',
			DeliveryDelayInMinutes: '30',
			ExpirationDelayInMinutes: '120',
			MessageOption: 'Concatenated',
		});
		expect(result.output()[0].json).toMatchObject({
			segmentsPerRecipient: 2,
			totalSegments: 4,
			messageOption: 'Concatenated',
		});
	});

	it('uses SendMessagesV2 when the message ID is not wanted', async () => {
		const result = await send({
			recipients: '0541234560',
			options: { returnMessageId: false, messageOption: 'Reply' },
		});
		expect(sandbox.calls()[0].path).toBe('/Web/WebServices/SendMessage.asmx/SendMessagesV2');
		expect(form(sandbox.calls()[0].body).MessageOption).toBe('Reply');
		expect(result.output()[0].json).toMatchObject({
			status: 'OK',
			messageId: null,
			messageIds: [],
		});
	});

	it('converts Send At in the workflow time zone into a delay in minutes', async () => {
		const at = new Date(Date.now() + 90 * 60_000 + 30_000);
		const wallClock = new Intl.DateTimeFormat('sv-SE', {
			timeZone: 'Asia/Jerusalem',
			dateStyle: 'short',
			timeStyle: 'medium',
		})
			.format(at)
			.replace(' ', 'T');
		await send({ recipients: '0541234560', options: { sendAt: wallClock } });
		const delay = Number(form(sandbox.calls()[0].body).DeliveryDelayInMinutes);
		expect(delay).toBeGreaterThanOrEqual(90);
		expect(delay).toBeLessThanOrEqual(91);
	});

	it('marks advertising messages and counts the added text in the segments', async () => {
		const result = await send({
			recipients: '0541234560',
			message: 'Sale today',
			options: { advertising: true },
		});
		expect(form(sandbox.calls()[0].body).Message).toBe('פרסומת: Sale today\nלהסרה השב הסר');
		expect(result.output()[0].json).toMatchObject({
			encoding: 'UCS-2',
			characters: 32,
			segmentsPerRecipient: 1,
		});
	});

	it('sends over SOAP 1.1 when the credential asks for it', async () => {
		const result = await send({ recipients: '0541234560' }, undefined, { protocol: 'soap11' });
		expect(result.output()[0].json.messageId).toBe('1000001');
		const [call] = sandbox.calls();
		expect(call.path).toBe('/Web/WebServices/SendMessage.asmx');
		expect(call.headers.soapaction).toBe('"http://www.smscenter.co.il/SendMessageReturnMessageID"');
		expect(call.body).toContain(
			'<SendMessageReturnMessageID xmlns="http://www.smscenter.co.il/"><UserName>demo</UserName><Password>demo-api-key</Password><SenderName>MyShop</SenderName>',
		);
	});

	it('checks the balance first with the balance guard and sends nothing when it is too low', async () => {
		const result = await send(
			{
				recipients: '0541234560,0541234561',
				message: 'x'.repeat(200),
				options: { balanceGuard: true, returnMessageId: true },
			},
			[{}],
			{ username: 'shop', password: 'shop-api-key' },
		);
		expect(sandbox.calls().map((c) => c.operation)).toEqual(['CheckCompanyPrePaid']);
		expect(result.error()?.message).toBe(
			'Item 1: not sent: the run needs 4 SMS segments but the prepaid balance has 3',
		);
		expect(sandbox.messages()).toHaveLength(0);
	});

	it('turns a gateway refusal into an error naming the SMSCenter code, its meaning and what to do', async () => {
		const result = await send({ recipients: '0541234560' }, [{}], {
			username: 'locked',
			password: 'locked-api-key',
		});
		const error = result.error();
		expect(error?.message).toBe(
			'SMSCenter answered InvalidIPAddress: The request came from an IP address the account does not allow.',
		);
		expect(error?.description).toBe(
			"Sending to 1 recipient(s) of item(s) 1 failed. Nothing was sent: SMSCenter refused the login. Ask SMSCenter support to allow the n8n server's public IP address.",
		);
	});

	it('reports the gateway refusal of a later item, naming the items sent before it', async () => {
		// One recipient per request, one request at a time, each sent as soon as its item is read:
		// items 1 and 2 go out, the gateway refuses item 3 (a route the account lacks).
		const result = await send(
			{
				recipients: '={{ $json.to }}',
				message: '={{ $json.text }}',
				options: { batchSize: 1, concurrency: 1 },
			},
			[
				{ to: '0541234560', text: 'A' },
				{ to: '0541234561', text: 'B' },
				{ to: '+447911123456', text: 'A' },
			],
			{ username: 'shop', password: 'shop-api-key' },
		);
		const error = result.error();
		expect(error?.message).toBe(
			'SMSCenter answered CompanyNotAllowedToSendToSpecifiedProvider: The company has no permission to send to this operator, or the operator is unknown.',
		);
		expect(error?.description).toBe(
			'Sending to 1 recipient(s) of item(s) 3 failed. Check the recipients, or ask SMSCenter support to open the route. Contact SMSCenter support. Already sent in this run, do not send again: item 1 (message ID 1000001); item 2 (message ID 1000002).',
		);
		expect(error?.context?.itemIndex).toBe(2);
		expect(
			sandbox.calls().map((c) => [form(c.body).Message, form(c.body).SendToPhoneNumbers]),
		).toEqual([
			['A', '0541234560'],
			['B', '0541234561'],
			['A', '447911123456'],
		]);
		expect(sandbox.messages().map((m) => m.text)).toEqual(['A', 'B']);
	});

	it('leaves the requests after a failure unstarted, naming only what went out', async () => {
		// Texts A, A, B with two recipients per request: the A request is full with item 2 and goes
		// at once; the gateway refuses it (a route the account lacks), so B's request never starts.
		const result = await send(
			{
				recipients: '={{ $json.to }}',
				message: '={{ $json.text }}',
				options: { batchSize: 2, concurrency: 1 },
			},
			[
				{ to: '+447911123456', text: 'A' },
				{ to: '+447911123457', text: 'A' },
				{ to: '0541234561', text: 'B' },
			],
			{ username: 'shop', password: 'shop-api-key' },
		);
		expect(result.error()?.message).toBe(
			'SMSCenter answered CompanyNotAllowedToSendToSpecifiedProvider: The company has no permission to send to this operator, or the operator is unknown.',
		);
		expect(result.error()?.context?.itemIndex).toBe(0);
		expect(sandbox.calls().map((c) => form(c.body).Message)).toEqual(['A']);
		expect(sandbox.messages()).toHaveLength(0);
	});

	it('reports a partial send: SomeMessagesSent with the message ID when the gateway refuses some recipients', async () => {
		const result = await send({ recipients: '0541234560, +447911123456' }, [{}], {
			username: 'shop',
			password: 'shop-api-key',
		});
		expect(result.error()).toBeUndefined();
		expect(result.output()).toEqual([
			{
				json: expect.objectContaining({
					status: 'SomeMessagesSent',
					messageId: '1000001',
					messageIds: ['1000001'],
					recipients: ['0541234560', '447911123456'],
					recipientCount: 2,
				}),
				pairedItem: { item: 0 },
			},
		]);
		expect(sandbox.messages().map((m) => m.recipients.map((r) => r.msisdn))).toEqual([
			['972541234560'],
		]);
	});

	it('reports a partial send of one item across requests: the refusal, and the message IDs of the part that went out', async () => {
		const items = [{ to: '0541234560, 0541234561, +447911123456' }, { to: '0541234562' }];
		const parameters = {
			recipients: '={{ $json.to }}',
			message: '={{ "Hi " + $itemIndex }}',
			options: { batchSize: 2, concurrency: 1 },
		};
		const credentials = { username: 'shop', password: 'shop-api-key' };

		const stopped = await send(parameters, items, credentials);
		expect(stopped.error()?.message).toBe(
			'SMSCenter answered CompanyNotAllowedToSendToSpecifiedProvider: The company has no permission to send to this operator, or the operator is unknown.',
		);
		expect(stopped.error()?.description).toBe(
			'Sending to 1 recipient(s) of item(s) 1 failed. Check the recipients, or ask SMSCenter support to open the route. Contact SMSCenter support. Already sent in this run, do not send again: item 1 (partly sent, message ID 1000001).',
		);
		expect(sandbox.calls().map((c) => form(c.body).SendToPhoneNumbers)).toEqual([
			'0541234560,0541234561',
			'447911123456',
		]);

		sandbox.reset();
		const continued = await runSmsCenter(
			sandbox.url,
			{ resource: 'sms', operation: 'send', senderName: 'MyShop', ...parameters } as never,
			items,
			{ credentials, node: { continueOnFail: true } },
		);
		expect(
			continued
				.output()
				.map((item) => [
					item.json.error ?? item.json.status,
					item.json.errorDescription ?? item.json.messageIds,
					item.pairedItem,
				]),
		).toEqual([
			[
				'SMSCenter answered CompanyNotAllowedToSendToSpecifiedProvider: The company has no permission to send to this operator, or the operator is unknown.',
				'Sending to 1 recipient(s) of item(s) 1 failed. Check the recipients, or ask SMSCenter support to open the route. Contact SMSCenter support. Part of this item was sent: message ID(s) 1000001.',
				{ item: 0 },
			],
			['OK', ['1000002'], { item: 1 }],
		]);
		expect(sandbox.messages().map((m) => [m.text, m.recipients.length])).toEqual([
			['Hi 0', 2],
			['Hi 1', 1],
		]);
	});

	it('reports SomeMessagesSent as a status, not an error', async () => {
		const result = await send({ recipients: '0541234560,0541234561', message: 'Hi' }, [{}], {
			username: 'shop',
			password: 'shop-api-key',
		});
		expect(result.output()[0].json.status).toBe('OK');
		const partial = await send({ recipients: '0541234560,0541234561', message: 'Hi' }, [{}], {
			username: 'shop',
			password: 'shop-api-key',
		});
		expect(partial.output()[0].json.status).toBe('SomeMessagesSent');
	});

	itRefusesLocally(sandbox, SMS, BAD_INPUT);

	it('with Continue On Fail, a bad item becomes an error item and the good ones are sent in one request', async () => {
		const result = await runSmsCenter(
			sandbox.url,
			{ ...SMS, recipients: '={{ $json.to }}' } as never,
			[{ to: '0541234560' }, { to: 'not-a-number' }, { to: '0541234561' }],
			{ node: { continueOnFail: true } },
		);
		expect(
			result.output().map((item) => [item.json.error ?? item.json.status, item.pairedItem]),
		).toEqual([
			['OK', { item: 0 }],
			[
				'Item 2: Recipients: invalid phone number "not-a-number" (only digits, spaces, dashes, dots, brackets and a leading + are allowed)',
				{ item: 1 },
			],
			['OK', { item: 2 }],
		]);
		expect(
			sandbox.calls().map((c) => new URLSearchParams(c.body).get('SendToPhoneNumbers')),
		).toEqual(['0541234560,0541234561']);
	});

	it('never lets user text change the request structure', async () => {
		const hostile =
			'</Message><Password>stolen</Password>&UserName=admin&Price=9 ]]> &amp; <!ENTITY x "y">';
		for (const protocol of ['httpPost', 'soap11']) {
			sandbox.reset();
			const result = await runSmsCenter(
				sandbox.url,
				{ ...SMS, message: hostile, senderName: 'Shop' } as never,
				[{}],
				{ credentials: { protocol } },
			);
			expect(result.error()).toBeUndefined();
			const [call] = sandbox.calls();
			expect(call.params).toMatchObject({
				UserName: 'demo',
				Password: 'demo-api-key',
				Message: hostile,
				Price: '0',
			});
			expect(sandbox.messages()[0].text).toBe(hostile);
		}
	});

	/** Each item's text and recipient from the item; batches one after the other. */
	const ONE_BATCH_AT_A_TIME = {
		...SMS,
		connection: FAST,
		recipients: '={{ $json.to }}',
		message: '={{ $json.text }}',
		options: { concurrency: 1 },
	};

	it('with Continue On Fail, a failed batch gives error items and the other batches go through once', async () => {
		sandbox.injectFault('SendMessageReturnMessageID', { kind: 'http500', times: 1 });
		const result = await runSmsCenter(
			sandbox.url,
			ONE_BATCH_AT_A_TIME as never,
			[
				{ to: '0541234560', text: 'first' },
				{ to: '0541234561', text: 'second' },
				{ to: '0541234562', text: 'second' },
			],
			{ node: { continueOnFail: true } },
		);
		expect(
			result.output().map((item) => [item.json.error ?? item.json.status, item.pairedItem]),
		).toEqual([
			['SMSCenter failed with HTTP 500 (SendMessageReturnMessageID)', { item: 0 }],
			['OK', { item: 1 }],
			['OK', { item: 2 }],
		]);
		expect(sandbox.messages().map((m) => [m.text, m.recipients.length])).toEqual([['second', 2]]);
	});

	it('without Continue On Fail, stops starting batches after the first failure', async () => {
		sandbox.injectFault('SendMessageReturnMessageID', { kind: 'http500', times: 1 });
		const result = await runSmsCenter(sandbox.url, ONE_BATCH_AT_A_TIME as never, [
			{ to: '0541234560', text: 'first' },
			{ to: '0541234561', text: 'second' },
		]);
		expect(result.error()?.message).toBe(
			'SMSCenter failed with HTTP 500 (SendMessageReturnMessageID)',
		);
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.messages()).toHaveLength(0);
	});
	it('sends a list of numbers from one field of one item (an array from an expression) in requests of the batch size', async () => {
		const numbers = Array.from(
			{ length: 1200 },
			(_, i) => `05${String(20000000 + i).padStart(8, '0')}`,
		);
		const result = await send({ recipients: '={{ $json.numbers }}', options: { batchSize: 500 } }, [
			{ numbers },
		]);
		expect(result.error()).toBeUndefined();
		const calls = sandbox.calls();
		expect(calls.map((c) => form(c.body).SendToPhoneNumbers.split(',').length)).toEqual([
			500, 500, 200,
		]);
		expect(calls.flatMap((c) => form(c.body).SendToPhoneNumbers.split(','))).toEqual(numbers);
		const output = result.output();
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({
			recipientCount: 1200,
			totalSegments: 1200,
			messageIds: ['1000001', '1000002', '1000003'],
		});
		expect(output[0].pairedItem).toEqual({ item: 0 });
	});

	it('sends a batch as soon as it is full: a run that then stops at an invalid item names the items already sent', async () => {
		const result = await send({ recipients: '={{ $json.phone }}', options: { batchSize: 2 } }, [
			{ phone: '0541234560' },
			{ phone: '0541234561' },
			{ phone: '12' },
			{ phone: '0541234563' },
		]);
		expect(result.error()?.message).toBe(
			'Item 3: Recipients: invalid phone number "12" (too short for a phone number)',
		);
		expect(result.error()?.description).toBe(
			'Use numbers such as 0541234567 or +972541234567. Nothing was sent for this item. Already sent in this run, do not send again: items 1-2 (message ID 1000001).',
		);
		expect(sandbox.calls().map((c) => form(c.body).SendToPhoneNumbers)).toEqual([
			'0541234560,0541234561',
		]);
	});

	it('with Continue On Fail, an invalid item between full batches fails alone and every other item is sent', async () => {
		const result = await runSmsCenter(
			sandbox.url,
			{
				resource: 'sms',
				operation: 'send',
				senderName: 'MyShop',
				message: 'Hello',
				recipients: '={{ $json.phone }}',
				options: { batchSize: 2 },
			} as never,
			[
				{ phone: '0541234560' },
				{ phone: '0541234561' },
				{ phone: '12' },
				{ phone: '0541234563' },
			] as never,
			{ node: { continueOnFail: true } },
		);
		expect(result.output().map((item) => item.json.status ?? item.json.error)).toEqual([
			'OK',
			'OK',
			'Item 3: Recipients: invalid phone number "12" (too short for a phone number)',
			'OK',
		]);
		expect(sandbox.calls().map((c) => form(c.body).SendToPhoneNumbers)).toEqual([
			'0541234560,0541234561',
			'0541234563',
		]);
	});
});
