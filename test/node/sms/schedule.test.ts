import { useSandbox } from '../../harness/sandbox';
import { runSmsCenter, sendOfEachItem } from '../../harness/executeWorkflow';
import { MINIMAL } from '../fixtures';

const form = (body: string) => Object.fromEntries(new URLSearchParams(body));

/** A wall-clock date-time in Israel, `minutes` from now (plus half a minute, so rounding up gives `minutes` + 1 at most). */
function israelTimeIn(minutes: number): string {
	const at = new Date(Date.now() + minutes * 60_000 + 30_000);
	return new Intl.DateTimeFormat('sv-SE', {
		timeZone: 'Asia/Jerusalem',
		dateStyle: 'short',
		timeStyle: 'medium',
	})
		.format(at)
		.replace(' ', 'T');
}

describe('Schedule (node version 1.1) and the options that fit the choice, in the n8n engine', () => {
	const sandbox = useSandbox();

	const send = (typeVersion: number, parameters: Record<string, unknown>) =>
		runSmsCenter(
			sandbox.url,
			{
				resource: 'sms',
				operation: 'send',
				recipients: '0541234560',
				senderName: 'MyShop',
				message: 'Hello',
				...parameters,
			} as never,
			undefined,
			{ node: { typeVersion } },
		);
	const sent = () => form(sandbox.calls('SendMessageReturnMessageID')[0].body);

	it('sends now by default', async () => {
		const result = await send(1.1, {});
		expect(result.error()).toBeUndefined();
		expect(sent().DeliveryDelayInMinutes).toBe('0');
	});

	it('sends after a delay', async () => {
		await send(1.1, { schedule: 'delay', delayMinutes: 45 });
		expect(sent().DeliveryDelayInMinutes).toBe('45');
	});

	it('sends at a time in the workflow time zone', async () => {
		await send(1.1, { schedule: 'at', sendAt: israelTimeIn(120) });
		expect(Number(sent().DeliveryDelayInMinutes)).toBeGreaterThanOrEqual(120);
		expect(Number(sent().DeliveryDelayInMinutes)).toBeLessThanOrEqual(121);
	});

	it('uses only the field of the chosen schedule', async () => {
		await send(1.1, { schedule: 'now', delayMinutes: 45, sendAt: israelTimeIn(120) });
		expect(sent().DeliveryDelayInMinutes).toBe('0');
	});

	it('refuses an empty Send At and a delay out of range, sending nothing', async () => {
		const noTime = await send(1.1, { schedule: 'at', sendAt: '' });
		expect(noTime.error()?.message).toBe('Item 1: Send At: no date-time was given');
		const tooLong = await send(1.1, { schedule: 'delay', delayMinutes: 600_000 });
		expect(tooLong.error()?.message).toBe(
			'Item 1: Delay (Minutes): 600000 is above 525600; give whole minutes from 0 to 525600',
		);
		expect(sandbox.calls()).toEqual([]);
	});

	it('takes the schedule from an expression per item', async () => {
		const result = await runSmsCenter(
			sandbox.url,
			sendOfEachItem({ message: 'Hello', schedule: '={{ $json.when }}', delayMinutes: 15 }),
			[
				{ to: '0541234560', when: 'now' },
				{ to: '0541234561', when: 'delay' },
			],
			{ node: { typeVersion: 1.1 } },
		);
		expect(result.error()).toBeUndefined();
		const sends = sandbox.calls('SendMessageReturnMessageID').map((call) => form(call.body));
		expect(
			sends.map((request) => [request.SendToPhoneNumbers, request.DeliveryDelayInMinutes]).sort(),
		).toEqual([
			['0541234560', '0'],
			['0541234561', '15'],
		]);
	});

	it('refuses an unknown schedule from an expression, quoting it briefly', async () => {
		const result = await send(1.1, { schedule: `={{ "later".repeat(100) }}` });
		expect(result.error()?.message).toBe(
			`Item 1: Schedule: "${'later'.repeat(8)}" is not one of "now", "delay", "at"`,
		);
		expect(sandbox.calls()).toEqual([]);
	});

	it('keeps a workflow saved with version 1 and Delay or Send At in the options working as before', async () => {
		await send(1, { options: { delayMinutes: 30 } });
		expect(sent().DeliveryDelayInMinutes).toBe('30');
		sandbox.reset();
		await send(1, { options: { sendAt: israelTimeIn(90) } });
		expect(Number(sent().DeliveryDelayInMinutes)).toBeGreaterThanOrEqual(90);
		expect(Number(sent().DeliveryDelayInMinutes)).toBeLessThanOrEqual(91);
		sandbox.reset();
		const both = await send(1, { options: { delayMinutes: 5, sendAt: israelTimeIn(90) } });
		expect(both.error()?.message).toBe(
			'Item 1: Send At: give either Delay (Minutes) or Send At, not both',
		);
	});

	it('in version 1.1, the Delay and Send At of version 1 options no longer apply', async () => {
		await send(1.1, { options: { delayMinutes: 30 } });
		expect(sent().DeliveryDelayInMinutes).toBe('0');
	});

	it('sends a Price only with Reverse Billing from version 1.1; version 1 sends it as before', async () => {
		await send(1.1, { options: { smsOperation: 'ReverseBilling', price: 1.5 } });
		expect(sent()).toMatchObject({ SMSOperation: 'ReverseBilling', Price: '1.5' });
		sandbox.reset();
		await send(1.1, { options: { smsOperation: 'Push', price: 1.5 } });
		expect(sent()).toMatchObject({ SMSOperation: 'Push', Price: '0' });
		sandbox.reset();
		await send(1, { options: { price: 2 } });
		expect(sent()).toMatchObject({ SMSOperation: 'Push', Price: '2' });
	});

	it('schedules a voice call after a delay', async () => {
		const result = await runSmsCenter(
			sandbox.url,
			{
				...MINIMAL.voiceSend,
				message: 'Reminder',
				schedule: 'delay',
				delayMinutes: 15,
			},
			undefined,
			{ node: { typeVersion: 1.1 } },
		);
		expect(result.error()).toBeUndefined();
		expect(form(sandbox.calls('SendIVRMessages')[0].body).DeliveryDelayInMinutes).toBe('15');
	});
});
