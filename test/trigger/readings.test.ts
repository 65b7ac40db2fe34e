import { TOKEN_QUERY } from '../../nodes/SmsCenterTrigger/helpers/notification';
import { runSmsCenter } from '../harness/executeWorkflow';
import { useSandbox } from '../harness/sandbox';
import {
	call,
	deliverByGateway,
	DELIVERED,
	notify,
	SECRET,
	useTriggers,
	waitFor,
} from './notifications';

/** A notification URL as SMSCenter sends it when it does not know some tokens: they stay as written. */
function withLiterals(base: string, fields: Record<string, string>): string {
	return `${base}?${Object.entries(fields)
		.map(([name, value]) => `${name}=${/^\{.*\}$/.test(value) ? value : encodeURIComponent(value)}`)
		.join('&')}`;
}

describe('SMSCenter Trigger: every reading of the delivery-report tokens', () => {
	const startTrigger = useTriggers();

	it('an unfilled {...} token is a missing value: with the message ID and status readable, the event is valid', async () => {
		const trigger = await startTrigger({}, { credentialSecret: SECRET });
		const url = withLiterals(trigger.productionUrl, {
			key: SECRET,
			MsgID: '1000001',
			MSISDN: '{MSISDN}',
			StatusCode: '600',
			StatusDes: '{StatusDes}',
			ReasonCode: '{ReasonCode}',
			ReasonDes: '{ReasonDes}',
			Date: '{Dlr_ddmmyyyhhmmss}',
		});
		expect(await call(url)).toEqual({ status: 200, body: '_OK_' });
		expect(trigger.executions[0][0].json).toMatchObject({
			valid: true,
			eventId: '1000001-0-600',
			messageId: '1000001',
			msisdn: null,
			status: { code: 600, name: 'Delivered', gatewayText: null },
			reason: { code: null, description: null, gatewayText: null },
			deliveredAt: null,
			problems: [
				'the phone number (MSISDN) arrived as the unfilled token {MSISDN}',
				'the reason code (ReasonCode) arrived as the unfilled token {ReasonCode}',
				'the date arrived as the unfilled token {Dlr_ddmmyyyhhmmss}',
			],
		});
	});

	it('the Statuses filter applies whenever the status code is readable, even with Reject Malformed (no 400 for three days)', async () => {
		const trigger = await startTrigger(
			{ options: { rejectMalformed: true } },
			{ credentialSecret: SECRET },
		);
		const accepted = withLiterals(trigger.productionUrl, {
			key: SECRET,
			MsgID: '1000001',
			MSISDN: '972541234560',
			StatusCode: '300',
			ReasonCode: '{ReasonCode}',
			Date: '{Dlr_ddmmyyyhhmmss}',
		});
		expect(await call(accepted)).toEqual({ status: 200, body: '_OK_' });
		expect(trigger.executions).toHaveLength(0);
	});

	it('without a readable message ID or status code the event is malformed: emitted with valid false, or 400', async () => {
		let trigger = await startTrigger({}, { credentialSecret: SECRET });
		await call(
			withLiterals(trigger.productionUrl, {
				key: SECRET,
				MsgID: '{MsgID}',
				MSISDN: '972541234560',
				StatusCode: '600',
			}),
		);
		await call(
			withLiterals(trigger.productionUrl, {
				key: SECRET,
				MsgID: '1000001',
				MSISDN: '972541234560',
				StatusCode: '{StatusCode}',
			}),
		);
		expect(
			trigger.executions.map((items) => [items[0].json.valid, items[0].json.problems]),
		).toEqual([
			[false, ['the message ID (MsgID) arrived as the unfilled token {MsgID}']],
			[false, ['the status code (StatusCode) arrived as the unfilled token {StatusCode}']],
		]);
		await trigger.close();
		trigger = await startTrigger(
			{ options: { rejectMalformed: true } },
			{ credentialSecret: SECRET },
		);
		expect(
			(
				await call(
					withLiterals(trigger.productionUrl, { key: SECRET, MsgID: '{MsgID}', StatusCode: '600' }),
				)
			).status,
		).toBe(400);
	});

	it.each([
		["the table's spelling", { Date: '25112026093000', DlrDate: '{DLR_DDMMYYYYHHMMSS}' }],
		["the change log's spelling", { Date: '{Dlr_ddmmyyyhhmmss}', DlrDate: '25112026093000' }],
	])('reads the date whichever token the gateway fills: %s', async (_reading, dates) => {
		const trigger = await startTrigger({}, { credentialSecret: SECRET });
		await call(withLiterals(trigger.productionUrl, { ...DELIVERED, ...dates }));
		expect(trigger.executions[0][0].json).toMatchObject({
			valid: true,
			problems: [],
			deliveredAt: '2026-11-25T07:30:00.000Z',
			deliveredAtRaw: '25112026093000',
		});
	});

	it("keeps the gateway's own texts beside the table's meaning; for reason 999 the provider's message is the description", async () => {
		const trigger = await startTrigger({ statuses: ['700'] }, { credentialSecret: SECRET });
		await notify(trigger, {
			...DELIVERED,
			StatusCode: '700',
			StatusDes: 'Undeliver',
			ReasonCode: '703',
			ReasonDes: 'Unknown subscriber (HLR: absent)',
		});
		await notify(trigger, {
			...DELIVERED,
			MsgID: '1000002',
			StatusCode: '700',
			StatusDes: 'Undeliver',
			ReasonCode: '999',
			ReasonDes: 'Operator: handset memory full',
		});
		expect(trigger.executions.map((items) => [items[0].json.status, items[0].json.reason])).toEqual(
			[
				[
					expect.objectContaining({ code: 700, name: 'Undeliver', gatewayText: 'Undeliver' }),
					{
						code: 703,
						description: 'Unknown subscriber',
						gatewayText: 'Unknown subscriber (HLR: absent)',
					},
				],
				[
					expect.objectContaining({ code: 700 }),
					{
						code: 999,
						description: 'Operator: handset memory full',
						gatewayText: 'Operator: handset memory full',
					},
				],
			],
		);
	});
});

describe('SMSCenter Trigger: a stable event ID', () => {
	const sandbox = useSandbox({ timeScale: 1e-5 });
	const startTrigger = useTriggers();

	it('is the same for every retry of a report, and differs between recipients and statuses', async () => {
		let runs = 0;
		const trigger = await startTrigger(
			{ acknowledge: 'responseNode' },
			{ credentialSecret: SECRET, workflowOutcome: () => (++runs <= 2 ? 'failure' : 'success') },
		);
		deliverByGateway(sandbox, trigger);
		await sandbox.dlr.idle();
		await notify(trigger, { ...DELIVERED, StatusCode: '700' });
		await notify(trigger, { ...DELIVERED, MSISDN: '972541234567' });
		expect(trigger.executions.map((items) => items[0].json.eventId)).toEqual([
			'1000001-972541234560-600',
			'1000001-972541234560-600',
			'1000001-972541234560-600',
			'1000001-972541234560-700',
			'1000001-972541234567-600',
		]);
	});

	it("the sandbox's reports for a sent SMS arrive with the setup URL's tokens: both date spellings asked, one filled", async () => {
		const trigger = await startTrigger(
			{ statuses: ['300', '600', '700'] },
			{ credentialSecret: SECRET },
		);
		sandbox.setNotificationUrl('demo', `${trigger.productionUrl}?key=${SECRET}&${TOKEN_QUERY}`);
		await runSmsCenter(sandbox.url, {
			resource: 'sms',
			operation: 'send',
			recipients: '0541234560, 0541234567',
			message: 'Hi',
			senderName: 'MyShop',
		});
		await waitFor(() => trigger.executions.length === 4);
		const events = trigger.executions.map((items) => items[0].json);
		expect(
			events.every(
				(event) =>
					event.valid === true &&
					(event.problems as string[]).length === 0 &&
					typeof event.deliveredAt === 'string',
			),
		).toBe(true);
		expect(events.map((event) => event.eventId).sort()).toEqual([
			'1000001-972541234560-300',
			'1000001-972541234560-600',
			'1000001-972541234567-300',
			'1000001-972541234567-700',
		]);
	});
});
