import { useSandbox } from '../../harness/sandbox';
import { runSmsCenter } from '../../harness/executeWorkflow';
import { MINIMAL } from '../fixtures';

const NO_ID =
	'The simple URL API returns no message ID, so delivery reports of this SMS cannot be matched to this send. Use the Send operation when you need them.';

describe('SMS: Send via simple URL API in the n8n engine', () => {
	const sandbox = useSandbox();

	it('sends through pushsms.aspx by POST and turns chaining on for long texts', async () => {
		const result = await runSmsCenter(
			sandbox.url,
			{
				resource: 'sms',
				operation: 'sendSimple',
				recipients: '={{ $json.to }}',
				message: '={{ $json.text }}',
				senderName: 'MyShop',
			},
			[
				{ to: '+972541234560', text: 'Short' },
				{ to: '054-1234561', text: 'y'.repeat(200) },
			],
		);
		expect(result.output().map((i) => i.json)).toEqual([
			{
				status: 'OK',
				messageId: null,
				messageIdNote: NO_ID,
				recipients: ['0541234560'],
				recipientCount: 1,
				encoding: 'GSM-7',
				characters: 5,
				segmentsPerRecipient: 1,
				totalSegments: 1,
				sender: 'MyShop',
				enableChaining: false,
			},
			{
				status: 'OK',
				messageId: null,
				messageIdNote: NO_ID,
				recipients: ['0541234561'],
				recipientCount: 1,
				encoding: 'GSM-7',
				characters: 200,
				segmentsPerRecipient: 2,
				totalSegments: 2,
				sender: 'MyShop',
				enableChaining: true,
			},
		]);
		const calls = sandbox.calls('pushsms');
		expect(calls.map((c) => [c.method, c.path, c.body])).toEqual([
			[
				'POST',
				'/Web/pushsms.aspx',
				'UserName=demo&Password=demo-api-key&Sender=MyShop&ToPhoneNumber=0541234560&Message=Short&EnableChaining=0',
			],
			[
				'POST',
				'/Web/pushsms.aspx',
				`UserName=demo&Password=demo-api-key&Sender=MyShop&ToPhoneNumber=0541234561&Message=${'y'.repeat(200)}&EnableChaining=1`,
			],
		]);
		expect(sandbox.messages().map((m) => m.text.length)).toEqual([5, 200]);
	});

	it('reports pushsms.aspx refusals in its own words', async () => {
		const result = await runSmsCenter(
			sandbox.url,
			{
				resource: 'sms',
				operation: 'sendSimple',
				recipients: '0541234560',
				message: 'Hi',
				senderName: 'MyShop',
			},
			[{}],
			{
				credentials: { username: 'closed', password: 'closed-api-key' },
			},
		);
		expect(result.error()?.message).toBe(
			'SMSCenter answered Company is Disabled.: The company is disabled.',
		);
	});

	it('takes one recipient only', async () => {
		const result = await runSmsCenter(sandbox.url, {
			...MINIMAL.smsSendSimple,
			recipients: '0541234560, 0541234561',
		});
		expect(result.error()?.message).toBe(
			'Item 1: Recipient: the simple URL API takes one recipient, got 2',
		);
		expect(sandbox.calls()).toHaveLength(0);
	});
});
