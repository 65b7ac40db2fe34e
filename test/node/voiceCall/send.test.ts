import { useSandbox } from '../../harness/sandbox';
import { runSmsCenter } from '../../harness/executeWorkflow';
import { type BadInput, itRefusesLocally, MINIMAL, sendAppointmentCall } from '../fixtures';

const VOICE = MINIMAL.voiceSend;

/** Locally invalid input: each fails its own item, naming item and field, and sends no request. */
const BAD_INPUT: BadInput[] = [
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
	const sandbox = useSandbox();

	it('sends a recorded message to every number, mobile or landline', async () => {
		await sendAppointmentCall(sandbox);
	});

	it('refuses a record that is not allowed with the SMSCenter code', async () => {
		const result = await runSmsCenter(sandbox.url, {
			...VOICE,
			recordId: '999',
			message: 'x',
		});
		expect(result.error()?.message).toBe(
			'SMSCenter answered RecordIsNotAllowed: The recorded message (RecordID) is not allowed for this account.',
		);
	});

	itRefusesLocally(sandbox, VOICE, BAD_INPUT);
});
