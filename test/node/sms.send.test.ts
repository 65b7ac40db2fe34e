import { startSandbox, type Sandbox } from '../../sandbox/server';
import { runSmsCenter } from '../harness/executeWorkflow';

const SEND_PATH = '/Web/WebServices/SendMessage.asmx/SendMessageReturnMessageID';

function form(body: string): Record<string, string> {
	return Object.fromEntries(new URLSearchParams(body));
}

describe('SMS: Send (web service) in the n8n engine', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => sandbox.reset());

	const send = (parameters: Record<string, unknown>, items?: Array<Record<string, unknown>>, credentials?: Record<string, unknown>) =>
		runSmsCenter(sandbox.url, { resource: 'sms', operation: 'send', senderName: 'MyShop', message: 'Hello', ...parameters } as never, items as never, { credentials: credentials as never });

	it('sends one SMS with SendMessageReturnMessageID and normalised recipients', async () => {
		const result = await send({ recipients: '+972541234560, 054-123 4561' });
		expect(result.error()).toBeUndefined();
		expect(result.output()).toEqual([
			{
				json: {
					status: 'OK',
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
			'UserName=demo&Password=demo-api-key&SenderName=MyShop&SendToPhoneNumbers=0541234560%2C0541234561&CCToEmail=&Message=Hello&SMSOperation=Push&DeliveryDelayInMinutes=0&ExpirationDelayInMinutes=0&MessageOption=Regular&Price=0',
		);
	});

	it('batches items with the same text into one request, one output item each with its pairedItem', async () => {
		const items = Array.from({ length: 5 }, (_, i) => ({ phone: `05412345${60 + i}` }));
		const result = await send({ recipients: '={{ $json.phone }}' }, items);
		const calls = sandbox.calls();
		expect(calls).toHaveLength(1);
		expect(form(calls[0].body).SendToPhoneNumbers).toBe('0541234560,0541234561,0541234562,0541234563,0541234564');
		expect(result.output().map((item) => [item.json.recipients, item.json.messageId, item.pairedItem])).toEqual(
			items.map((item, index) => [[item.phone], '1000001', { item: index }]),
		);
	});

	it('splits batches at the batch size', async () => {
		const items = Array.from({ length: 5 }, (_, i) => ({ phone: `05412345${60 + i}` }));
		const result = await send({ recipients: '={{ $json.phone }}', options: { batchSize: 2 } }, items);
		expect(sandbox.calls().map((c) => form(c.body).SendToPhoneNumbers)).toEqual(['0541234560,0541234561', '0541234562,0541234563', '0541234564']);
		expect(result.output().map((item) => item.json.messageId)).toEqual(['1000001', '1000001', '1000002', '1000002', '1000003']);
	});

	it('sends personalised texts separately with bounded concurrency, keeping the output order', async () => {
		sandbox.injectFault('SendMessageReturnMessageID', { kind: 'latency', latencyMs: 40 });
		const items = Array.from({ length: 6 }, (_, i) => ({ phone: `05412345${60 + i}`, name: `N${i}` }));
		const result = await send({ recipients: '={{ $json.phone }}', message: '=Hi {{ $json.name }}', options: { concurrency: 3 } }, items);
		const calls = sandbox.calls();
		expect(calls).toHaveLength(6);
		expect(calls.map((c) => form(c.body).Message).sort()).toEqual(['Hi N0', 'Hi N1', 'Hi N2', 'Hi N3', 'Hi N4', 'Hi N5']);
		expect(result.output().map((item) => item.json.recipients)).toEqual(items.map((item) => [item.phone]));
		const messageOf = new Map(sandbox.messages().map((m) => [m.id, m.text]));
		expect(result.output().map((item) => messageOf.get(item.json.messageId as string))).toEqual(items.map((item) => `Hi ${item.name}`));
		const starts = calls.map((c) => c.at.getTime()).sort((a, b) => a - b);
		expect(starts[2] - starts[0]).toBeLessThan(35);
		expect(starts[3] - starts[0]).toBeGreaterThanOrEqual(35);
	});

	it('passes every option to the gateway', async () => {
		const result = await send({
			recipients: '0541234560',
			message: 'x'.repeat(170),
			options: { ccEmails: 'ops@example.com, boss@example.com', smsOperation: 'ReverseBilling', price: 1.5, delayMinutes: 30, expirationMinutes: 120 },
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
		expect(result.output()[0].json).toMatchObject({ segmentsPerRecipient: 2, totalSegments: 2, messageOption: 'Concatenated' });
	});

	it('uses SendMessagesV2 when the message ID is not wanted', async () => {
		const result = await send({ recipients: '0541234560', options: { returnMessageId: false, messageOption: 'Reply' } });
		expect(sandbox.calls()[0].path).toBe('/Web/WebServices/SendMessage.asmx/SendMessagesV2');
		expect(form(sandbox.calls()[0].body).MessageOption).toBe('Reply');
		expect(result.output()[0].json).toMatchObject({ status: 'OK', messageId: null, messageIds: [] });
	});

	it('converts Send At in the workflow time zone into a delay in minutes', async () => {
		const at = new Date(Date.now() + 90 * 60_000 + 30_000);
		const wallClock = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Jerusalem', dateStyle: 'short', timeStyle: 'medium' }).format(at).replace(' ', 'T');
		await send({ recipients: '0541234560', options: { sendAt: wallClock } });
		const delay = Number(form(sandbox.calls()[0].body).DeliveryDelayInMinutes);
		expect(delay).toBeGreaterThanOrEqual(90);
		expect(delay).toBeLessThanOrEqual(91);
	});

	it('marks advertising messages and counts the added text in the segments', async () => {
		const result = await send({ recipients: '0541234560', message: 'Sale today', options: { advertising: true } });
		expect(form(sandbox.calls()[0].body).Message).toBe('פרסומת: Sale today\nלהסרה השב הסר');
		expect(result.output()[0].json).toMatchObject({ encoding: 'UCS-2', characters: 32, segmentsPerRecipient: 1 });
	});

	it('sends over SOAP 1.1 when the credential asks for it', async () => {
		const result = await send({ recipients: '0541234560' }, undefined, { protocol: 'soap11' });
		expect(result.output()[0].json.messageId).toBe('1000001');
		const [call] = sandbox.calls();
		expect(call.path).toBe('/Web/WebServices/SendMessage.asmx');
		expect(call.headers.soapaction).toBe('"http://www.smscenter.co.il/SendMessageReturnMessageID"');
		expect(call.body).toContain('<SendMessageReturnMessageID xmlns="http://www.smscenter.co.il/"><UserName>demo</UserName><Password>demo-api-key</Password><SenderName>MyShop</SenderName>');
	});

	it('checks the balance first with the balance guard and sends nothing when it is too low', async () => {
		const result = await send({ recipients: '0541234560,0541234561', message: 'x'.repeat(200), options: { balanceGuard: true, returnMessageId: true } }, [{}], { username: 'shop', password: 'shop-api-key' });
		expect(sandbox.calls().map((c) => c.operation)).toEqual(['CheckCompanyPrePaid']);
		expect(result.error()?.message).toBe('Item 1: not sent: the run needs 4 SMS segments but the prepaid balance has 3');
		expect(sandbox.messages()).toHaveLength(0);
	});

	it('turns a gateway refusal into an error naming the SMSCenter code, its meaning and what to do', async () => {
		const result = await send({ recipients: '0541234560' }, [{}], { username: 'locked', password: 'locked-api-key' });
		const error = result.error();
		expect(error?.message).toBe("SMSCenter answered InvalidIPAddress: The request came from an IP address the account does not allow.");
		expect(error?.description).toBe("Sending to 1 recipient(s) of item(s) 1 failed. Ask SMSCenter support to allow the n8n server's public IP address.");
	});

	it('reports the gateway refusal of a later item, not a batch left unstarted because of it', async () => {
		// Texts A, B, A with one recipient per request: the two A items are sent first, one after the
		// other, and the gateway refuses the second of them (item 3); item 2's request never starts.
		const result = await send(
			{ recipients: '={{ $json.to }}', message: '={{ $json.text }}', options: { batchSize: 1, concurrency: 1 } },
			[
				{ to: '0541234560', text: 'A' },
				{ to: '0541234561', text: 'B' },
				{ to: '+447911123456', text: 'A' },
			],
			{ username: 'shop', password: 'shop-api-key' },
		);
		const error = result.error();
		expect(error?.message).toBe('SMSCenter answered CompanyNotAllowedToSendToSpecifiedProvider: The company has no permission to send to this operator, or the operator is unknown.');
		expect(error?.description).toBe('Sending to 1 recipient(s) of item(s) 3 failed. Check the recipients, or ask SMSCenter support to open the route. Contact SMSCenter support.');
		expect(error?.context?.itemIndex).toBe(2);
		expect(sandbox.calls().map((c) => [form(c.body).Message, form(c.body).SendToPhoneNumbers])).toEqual([
			['A', '0541234560'],
			['A', '447911123456'],
		]);
		expect(sandbox.messages().map((m) => m.text)).toEqual(['A']);
	});

	it('reports SomeMessagesSent as a status, not an error', async () => {
		const result = await send({ recipients: '0541234560,0541234561', message: 'Hi' }, [{}], { username: 'shop', password: 'shop-api-key' });
		expect(result.output()[0].json.status).toBe('OK');
		const partial = await send({ recipients: '0541234560,0541234561', message: 'Hi' }, [{}], { username: 'shop', password: 'shop-api-key' });
		expect(partial.output()[0].json.status).toBe('SomeMessagesSent');
	});
});
