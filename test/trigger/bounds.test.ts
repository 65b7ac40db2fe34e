import { TRIGGER_NODE } from '../harness/triggerServer';
import { call, DELIVERED, notify, SECRET, useTriggers } from './notifications';

/** A field longer than SMSCenter ever sends it, and the problem the event names. */
const tooLong = (
	name: string,
	field: string,
	filler: string,
	length: number,
	most: number,
): [string, Record<string, string>, string] => [
	name,
	{ [field]: filler.repeat(length) },
	`the field ${field} holds ${length} characters, more than the ${most} SMSCenter sends`,
];

const OVERSIZED: Array<[string, Record<string, string>, string]> = [
	tooLong('a message ID of 5,000 digits', 'MsgID', '9', 5000, 19),
	[
		'a message ID beyond a 64-bit number',
		{ MsgID: '9'.repeat(19) },
		'is larger than a gateway message ID can be',
	],
	tooLong('a phone number of 300 characters', 'MSISDN', '9', 300, 20),
	tooLong('a status description of 6,000 characters', 'StatusDes', 'x', 6000, 500),
	tooLong('a reason code of 50 digits', 'ReasonCode', '1', 50, 4),
	tooLong('a date of 64 characters', 'Date', '2', 64, 14),
	tooLong('an extra field of 2,000 characters', 'Note', 'n', 2000, 500),
	[
		'60 extra fields',
		Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`f${i}`, 'x'])),
		'the notification has 68 fields, more than the 40 a notification can have',
	],
];

describe('SMSCenter Trigger: fields beyond what the gateway can send', () => {
	const startTrigger = useTriggers();

	it.each(OVERSIZED)(
		'%s: answered _OK_, emitted as malformed without the value, never remembered',
		async (_name, fields, problem) => {
			const trigger = await startTrigger({}, { credentialSecret: SECRET });
			for (let i = 0; i < 3; i++)
				expect(await notify(trigger, { ...DELIVERED, ...fields })).toEqual({
					status: 200,
					body: '_OK_',
				});
			// Malformed notifications are not suppressed as duplicates: each call is emitted.
			expect(trigger.executions).toHaveLength(3);
			const event = trigger.executions[0][0].json;
			expect(event.valid).toBe(false);
			expect((event.problems as string[]).join('; ')).toContain(problem);
			expect(event.eventId).toMatch(/^malformed-[0-9a-f]{24}$/);
			expect(trigger.executions.map((items) => items[0].json.eventId)).toEqual(
				Array(3).fill(event.eventId),
			);
			expect(JSON.stringify(event).length).toBeLessThan(6000);
			expect(trigger.staticData[`node:${TRIGGER_NODE}`]).toBeUndefined();
		},
	);

	it.each(OVERSIZED)(
		'%s: answered 400 with Reject Malformed Notifications, nothing started or stored',
		async (_name, fields, problem) => {
			const trigger = await startTrigger(
				{ options: { rejectMalformed: true } },
				{ credentialSecret: SECRET },
			);
			const answer = await notify(trigger, { ...DELIVERED, ...fields });
			expect(answer.status).toBe(400);
			expect(answer.body).toContain(problem);
			expect(answer.body.length).toBeLessThan(1500);
			expect(trigger.executions).toHaveLength(0);
			expect(trigger.storedStaticData).toBe('{}');
		},
	);

	it('twenty oversized message IDs leave the static data as small as it was', async () => {
		const trigger = await startTrigger({}, { credentialSecret: SECRET });
		await notify(trigger);
		const size = trigger.storedStaticData.length;
		for (let i = 0; i < 20; i++)
			await notify(trigger, { ...DELIVERED, MsgID: `${i}${'7'.repeat(4000)}` });
		expect(trigger.storedStaticData.length).toBe(size);
	});

	it('a POST body over 8 KB is not read: its fields do not count, the event is malformed', async () => {
		const trigger = await startTrigger({}, { credentialSecret: SECRET });
		const body = new URLSearchParams({ ...DELIVERED, padding: 'p'.repeat(9000) }).toString();
		// The secret in the query, everything else in the oversized body.
		expect(await call(`${trigger.productionUrl}?key=${SECRET}`, { method: 'POST', body })).toEqual({
			status: 200,
			body: '_OK_',
		});
		const event = trigger.executions[0][0].json;
		expect(event).toMatchObject({ valid: false, messageId: null, status: { code: null } });
		expect((event.problems as string[])[0]).toMatch(
			/^the notification is \d+ bytes, more than the 8192 a notification can be$/,
		);
		// With the secret only in the oversized body, the call is refused.
		expect((await call(trigger.productionUrl, { method: 'POST', body })).status).toBe(401);
	});

	it('a readable status outside the Statuses filter is acknowledged and starts nothing, oversized or not', async () => {
		const trigger = await startTrigger(
			{ options: { rejectMalformed: true } },
			{ credentialSecret: SECRET },
		);
		expect(
			await notify(trigger, {
				...DELIVERED,
				StatusCode: '300',
				ReasonDes: 'r'.repeat(3000),
			}),
		).toEqual({ status: 200, body: '_OK_' });
		expect(trigger.executions).toHaveLength(0);
	});
});
