import { useSandbox } from '../../harness/sandbox';
import { runSmsCenter } from '../../harness/executeWorkflow';
import { type BadInput, itRefusesLocally, sendAppointmentCall } from '../fixtures';

/** Locally invalid input: each fails its own item, naming item and field, and sends no request. */
const BAD_INPUT: BadInput[] = [
	[
		'non-numeric message ID',
		{ messageId: '12ab' },
		'Item 1: Message ID: "12ab" is not a positive whole number',
	],
	[
		'fractional message ID',
		{ messageId: '1.5' },
		'Item 1: Message ID: "1.5" is not a positive whole number',
	],
];

describe('Voice call (IVR): Get Responses in the n8n engine', () => {
	const sandbox = useSandbox();

	it('sends a recorded message, then reads one item per called number', async () => {
		await sendAppointmentCall(sandbox);

		await new Promise((resolve) => setTimeout(resolve, 150));
		const responses = await runSmsCenter(
			sandbox.url,
			{ resource: 'voiceCall', operation: 'getResponses', messageId: '={{ $json.id }}' },
			[{ id: '1000001' }],
		);
		const sentAt = sandbox.messages()[0].sentAt;
		const sendDate = new Date(Math.floor(sentAt.getTime() / 1000) * 1000).toISOString();
		const row = (
			mobile: string,
			raw: string,
			status: string,
			meaning: string,
			seconds: number,
			response: string | null,
		) => ({
			json: {
				messageId: '1000001',
				mobile,
				mobileRaw: raw,
				status: { name: status, code: null, meaning, final: true },
				sendDate,
				sendDateRaw: expect.stringMatching(/^\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d$/),
				callLengthSeconds: seconds,
				response,
			},
			pairedItem: { item: 0 },
		});
		expect(responses.output()).toEqual([
			row('0541234560', '972541234560', 'IVRCallSuccess', 'IVR call success', 8, '2'),
			row('031234566', '97231234566', 'IVRCallSuccess', 'IVR call success', 8, '2'),
			row('0541234567', '972541234567', 'IVRCallNotSuccess', 'IVR call not successful', 0, null),
		]);
	});

	itRefusesLocally(sandbox, { resource: 'voiceCall', operation: 'getResponses' }, BAD_INPUT);
});
