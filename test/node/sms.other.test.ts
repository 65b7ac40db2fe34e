import { startSandbox, type Sandbox } from '../../sandbox/server';
import { runSmsCenter } from '../harness/executeWorkflow';

describe('SMS: Estimate and Send via simple URL API in the n8n engine', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => sandbox.reset());

	it('estimates without sending: encoding, segments, recipients and the balance', async () => {
		const result = await runSmsCenter(
			sandbox.url,
			{ resource: 'sms', operation: 'estimate', recipients: '={{ $json.to }}', message: '={{ $json.text }}' },
			[
				{ to: '0541234560, +972541234560, 0521234567', text: 'שלום '.repeat(20) },
				{ to: '0541234561', text: 'Hello' },
			],
		);
		expect(result.output()).toEqual([
			{
				json: {
					recipients: ['0541234560', '0521234567'],
					recipientCount: 2,
					encoding: 'UCS-2',
					characters: 100,
					segmentsPerRecipient: 2,
					totalSegments: 4,
					duplicatesRemoved: 1,
					text: 'שלום '.repeat(20),
					smsBalance: 100000,
					fitsInBalance: true,
					runTotalSegments: 4,
					runFitsInBalance: true,
				},
				pairedItem: { item: 0 },
			},
			{
				json: {
					recipients: ['0541234561'],
					recipientCount: 1,
					encoding: 'GSM-7',
					characters: 5,
					segmentsPerRecipient: 1,
					totalSegments: 1,
					duplicatesRemoved: 0,
					text: 'Hello',
					smsBalance: 100000,
					fitsInBalance: true,
					runTotalSegments: 5,
					runFitsInBalance: true,
				},
				pairedItem: { item: 1 },
			},
		]);
		expect(sandbox.calls().map((c) => c.operation)).toEqual(['CheckCompanyPrePaid']);
		expect(sandbox.messages()).toHaveLength(0);
	});

	it('sends through pushsms.aspx by POST and turns chaining on for long texts', async () => {
		const result = await runSmsCenter(
			sandbox.url,
			{ resource: 'sms', operation: 'sendSimple', recipients: '={{ $json.to }}', message: '={{ $json.text }}', senderName: 'MyShop' },
			[
				{ to: '+972541234560', text: 'Short' },
				{ to: '054-1234561', text: 'y'.repeat(200) },
			],
		);
		expect(result.output().map((i) => i.json)).toEqual([
			{ status: 'OK', messageId: null, recipients: ['0541234560'], recipientCount: 1, encoding: 'GSM-7', characters: 5, segmentsPerRecipient: 1, totalSegments: 1, sender: 'MyShop', enableChaining: false },
			{ status: 'OK', messageId: null, recipients: ['0541234561'], recipientCount: 1, encoding: 'GSM-7', characters: 200, segmentsPerRecipient: 2, totalSegments: 2, sender: 'MyShop', enableChaining: true },
		]);
		const calls = sandbox.calls('pushsms');
		expect(calls.map((c) => [c.method, c.path, c.body])).toEqual([
			['POST', '/Web/pushsms.aspx', 'UserName=demo&Password=demo-api-key&Sender=MyShop&ToPhoneNumber=0541234560&Message=Short&EnableChaining=0'],
			['POST', '/Web/pushsms.aspx', `UserName=demo&Password=demo-api-key&Sender=MyShop&ToPhoneNumber=0541234561&Message=${'y'.repeat(200)}&EnableChaining=1`],
		]);
		expect(sandbox.messages().map((m) => m.text.length)).toEqual([5, 200]);
	});

	it('reports pushsms.aspx refusals in its own words', async () => {
		const result = await runSmsCenter(sandbox.url, { resource: 'sms', operation: 'sendSimple', recipients: '0541234560', message: 'Hi', senderName: 'MyShop' }, [{}], {
			credentials: { username: 'closed', password: 'closed-api-key' },
		});
		expect(result.error()?.message).toBe('SMSCenter answered Company is Disabled.: The company is disabled.');
	});

	it('takes one recipient only', async () => {
		const result = await runSmsCenter(sandbox.url, { resource: 'sms', operation: 'sendSimple', recipients: '0541234560, 0541234561', message: 'Hi', senderName: 'MyShop' });
		expect(result.error()?.message).toBe('Item 1: Recipient: the simple URL API takes one recipient, got 2');
		expect(sandbox.calls()).toHaveLength(0);
	});
});
