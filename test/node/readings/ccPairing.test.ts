import { useSandbox } from '../../harness/sandbox';
import { runSmsCenter } from '../../harness/executeWorkflow';

/**
 * Reading 8 of the API document: CCToEmail, "Recipient Emails address to send the Message to apart
 * from the SMS, separated by comma". The standard profile mails every address of a request; the
 * cc-paired profile pairs addresses with numbers and refuses lists of another length. Under both,
 * each CC address of an item gets exactly one copy, whatever the batching.
 */
const PROFILES = [
	['standard', { username: 'demo', password: 'demo-api-key' }],
	['cc-paired', { username: 'cc-paired', password: 'cc-paired-api-key' }],
] as const;

const items = [
	{ to: '0541234560, 0541234561, 0541234562', cc: 'ops@example.com, boss@example.com' },
	{ to: '0541234563, 0541234564', cc: 'night@example.com' },
	{ to: '0541234565', cc: '' },
];

describe('CC e-mail addresses under both readings of the document', () => {
	const sandbox = useSandbox();

	it.each(PROFILES)(
		'%s: one copy per address per item, every recipient texted once, items still batched',
		async (_name, credentials) => {
			const result = await runSmsCenter(
				sandbox.url,
				{
					resource: 'sms',
					operation: 'send',
					recipients: '={{ $json.to }}',
					message: 'Stock alert',
					senderName: 'MyShop',
					options: { ccEmails: '={{ $json.cc }}', batchSize: 2 },
				},
				items,
				{ credentials },
			);
			expect(result.error()).toBeUndefined();
			expect(result.output().map((item) => item.json.status)).toEqual(['OK', 'OK', 'OK']);
			const messages = sandbox.messages();
			expect(messages.flatMap((m) => m.ccEmails).sort()).toEqual([
				'boss@example.com',
				'night@example.com',
				'ops@example.com',
			]);
			for (const message of messages)
				if (message.ccEmails.length > 0)
					expect(message.ccEmails).toHaveLength(message.recipients.length);
			expect(messages.flatMap((m) => m.recipients.map((r) => r.msisdn)).sort()).toEqual(
				['0', '1', '2', '3', '4', '5'].map((d) => `97254123456${d}`),
			);
			// The recipients without CC of items 1 and 3 share a request.
			expect(
				messages.some(
					(m) => m.ccEmails.length === 0 && m.recipients.map((r) => r.msisdn).length === 2,
				),
			).toBe(true);
		},
	);

	it('the gateway refusing a CC list of another length says what to do', async () => {
		sandbox.injectFault('SendMessageReturnMessageID', {
			kind: 'answerCode',
			code: 'ThePhoneNumberListAndTheCCListMustHaveTheSameNumberOfItems',
		});
		const result = await runSmsCenter(
			sandbox.url,
			{
				resource: 'sms',
				operation: 'send',
				recipients: '0541234560',
				message: 'Stock alert',
				senderName: 'MyShop',
				options: { ccEmails: 'ops@example.com' },
			},
			[{}],
			{ credentials: PROFILES[1][1] },
		);
		expect(result.error()?.message).toContain(
			'ThePhoneNumberListAndTheCCListMustHaveTheSameNumberOfItems',
		);
		expect(JSON.stringify(result.error())).toContain('leave CC E-Mail Addresses empty');
	});
});
