import { useSandbox } from '../../harness/sandbox';
import { runSmsCenter } from '../../harness/executeWorkflow';

describe('SMS: Estimate in the n8n engine', () => {
	const sandbox = useSandbox();

	it('estimates without sending: encoding, segments, recipients and the balance', async () => {
		const result = await runSmsCenter(
			sandbox.url,
			{
				resource: 'sms',
				operation: 'estimate',
				recipients: '={{ $json.to }}',
				message: '={{ $json.text }}',
			},
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
});
