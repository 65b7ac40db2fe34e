import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { runSmsCenter } from '../../harness/executeWorkflow';

/** Locally invalid input: each fails its own item, naming item and field, and sends no request. */
const BAD_INPUT: Array<[label: string, parameters: Record<string, unknown>, message: string]> = [
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
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => sandbox.reset());

	it('sends a recorded message, then reads one item per called number', async () => {
		const sent = await runSmsCenter(sandbox.url, {
			resource: 'voiceCall',
			operation: 'send',
			recordId: '101',
			recipients: '054-1234560\n03-1234566\n0541234567',
			message: 'Appointment reminder',
			senderName: 'Clinic',
			options: { delayMinutes: 0, expirationMinutes: 60 },
		});
		expect(sent.output()).toEqual([
			{
				json: {
					status: 'OK',
					partial: false,
					messageId: '1000001',
					recordId: '101',
					recipients: ['0541234560', '031234566', '0541234567'],
					recipientCount: 3,
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(sandbox.calls()[0].body).toBe(
			'UserName=demo&Password=demo-api-key&SenderName=Clinic&RecordID=101&SendToPhoneNumbers=0541234560%2C031234566%2C0541234567&Message=Appointment+reminder&DeliveryDelayInMinutes=0&ExpirationDelayInMinutes=60',
		);

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

	it.each(BAD_INPUT)(
		'refuses bad input locally, naming the item and the field: %s',
		async (_label, overrides, message) => {
			const result = await runSmsCenter(sandbox.url, {
				...{ resource: 'voiceCall', operation: 'getResponses' },
				...overrides,
			} as never);
			expect(result.error()?.message).toBe(message);
			expect(sandbox.requests).toHaveLength(0);
		},
	);
});
