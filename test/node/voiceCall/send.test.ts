import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { runSmsCenter } from '../../harness/executeWorkflow';

const VOICE = {
	resource: 'voiceCall',
	operation: 'send',
	recordId: '101',
	recipients: '0541234560',
	message: 'Hello',
	senderName: 'Clinic',
};

/** Locally invalid input: each fails its own item, naming item and field, and sends no request. */
const BAD_INPUT: Array<[label: string, parameters: Record<string, unknown>, message: string]> = [
	[
		'non-numeric RecordID',
		{ recordId: 'welcome' },
		'Item 1: Record ID: "welcome" is not a positive whole number',
	],
	[
		'empty RecordID (from an expression)',
		{ recordId: '={{ "" }}' },
		'Item 1: Record ID: it is empty',
	],
	[
		'negative RecordID',
		{ recordId: '-4' },
		'Item 1: Record ID: "-4" is not a positive whole number',
	],
];

describe('Voice call (IVR): Send in the n8n engine', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => sandbox.reset());

	it('sends a recorded message to every number, mobile or landline', async () => {
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
	});

	it('refuses a record that is not allowed with the SMSCenter code', async () => {
		const result = await runSmsCenter(sandbox.url, {
			resource: 'voiceCall',
			operation: 'send',
			recordId: '999',
			recipients: '0541234560',
			message: 'x',
			senderName: 'Clinic',
		});
		expect(result.error()?.message).toBe(
			'SMSCenter answered RecordIsNotAllowed: The recorded message (RecordID) is not allowed for this account.',
		);
	});

	it.each(BAD_INPUT)(
		'refuses bad input locally, naming the item and the field: %s',
		async (_label, overrides, message) => {
			const result = await runSmsCenter(sandbox.url, { ...VOICE, ...overrides } as never);
			expect(result.error()?.message).toBe(message);
			expect(sandbox.requests).toHaveLength(0);
		},
	);
});
