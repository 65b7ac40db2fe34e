import { runSmsCenter, sendOfEachItem } from '../../harness/executeWorkflow';
import { useSandbox } from '../../harness/sandbox';

const form = (body: string) => Object.fromEntries(new URLSearchParams(body));

/** Only the clock is frozen (timers run as usual), so the node reads a chosen "now". */
function freezeClockAt(iso: string): void {
	jest.useFakeTimers({
		now: new Date(iso),
		doNotFake: [
			'hrtime',
			'nextTick',
			'performance',
			'queueMicrotask',
			'requestAnimationFrame',
			'cancelAnimationFrame',
			'requestIdleCallback',
			'cancelIdleCallback',
			'setImmediate',
			'clearImmediate',
			'setInterval',
			'clearInterval',
			'setTimeout',
			'clearTimeout',
		],
	});
}

describe('Send Window on SMS and voice-call sends and in Estimate, in the n8n engine', () => {
	const sandbox = useSandbox();
	afterEach(() => jest.useRealTimers());

	const sendSms = (parameters: Record<string, unknown>, options: Record<string, unknown> = {}) =>
		runSmsCenter(
			sandbox.url,
			sendOfEachItem({
				recipients: '0541234560, 0541234561',
				message: 'Hello',
				...parameters,
				options: { sendWindow: true, ...options },
			}),
			undefined,
			{ node: { typeVersion: 1.1 } },
		);
	const sent = (operation = 'SendMessageReturnMessageID') =>
		sandbox.calls(operation).map((call) => form(call.body));

	it('outside the window, the gateway is asked to wait until the next opening, across the switch to summer time', async () => {
		freezeClockAt('2026-03-26T19:00:00Z'); // Thursday 21:00 in Israel; clocks go forward that night
		const result = await sendSms({});
		expect(result.error()).toBeUndefined();
		expect(sent().map((p) => [p.DeliveryDelayInMinutes, p.ExpirationDelayInMinutes])).toEqual([
			['600', String(600 + 1440)],
		]);
		expect(sandbox.messages()[0].delayMinutes).toBe(600);
		expect(result.output()[0].json.sendWindow).toEqual({
			sendsAt: '2026-03-27T05:00:00.000Z',
			sendsAtLocal: '2026-03-27 08:00 Fri (Asia/Jerusalem)',
			delayMinutes: 600,
			heldBySendWindow: true,
			heldReason: 'outside the window',
		});
	});

	it('inside the window, it goes at once', async () => {
		freezeClockAt('2026-03-24T09:00:00Z'); // Tuesday 11:00
		const result = await sendSms({});
		expect(sent()[0].DeliveryDelayInMinutes).toBe('0');
		expect(result.output()[0].json.sendWindow).toMatchObject({
			delayMinutes: 0,
			heldBySendWindow: false,
		});
	});

	it('on Saturday it waits for Sunday 08:00', async () => {
		freezeClockAt('2026-12-05T10:00:00Z'); // Saturday 12:00
		await sendSms({});
		expect(sent()[0].DeliveryDelayInMinutes).toBe(String(20 * 60));
	});

	it('on the eve of Yom Kippur after 18:00 it waits for the day after, unless holidays are not skipped', async () => {
		freezeClockAt('2026-09-20T15:30:00Z'); // Sunday 18:30
		const held = await sendSms({});
		// Until Tuesday 22 September 08:00: 37 hours 30 minutes.
		expect(sent()[0].DeliveryDelayInMinutes).toBe(String(37 * 60 + 30));
		expect(held.output()[0].json.sendWindow).toMatchObject({
			heldReason: 'Day of Atonement (Yom Kippur)',
		});
		sandbox.reset();
		await sendSms({}, { windowSkipHolidays: false });
		expect(sent()[0].DeliveryDelayInMinutes).toBe('0');
	});

	it("a user's delay that ends after Friday's close moves to Sunday; an entered expiration keeps its length after the send", async () => {
		freezeClockAt('2026-12-04T11:00:00Z'); // Friday 13:00
		const result = await sendSms(
			{ schedule: 'delay', delayMinutes: 90 },
			{ expirationMinutes: 120 },
		);
		// Sunday 08:00 is 43 hours away; the expiration moves by as much as the send.
		expect(sent().map((p) => [p.DeliveryDelayInMinutes, p.ExpirationDelayInMinutes])).toEqual([
			[String(43 * 60), String(120 + 43 * 60 - 90)],
		]);
		expect(result.output()[0].json.sendWindow).toMatchObject({
			sendsAtLocal: '2026-12-06 08:00 Sun (Asia/Jerusalem)',
		});
	});

	it('own hours and time zone: items with different windows go in different requests', async () => {
		freezeClockAt('2026-07-06T06:00:00Z'); // Monday 07:00 in London, 09:00 in Israel
		const result = await runSmsCenter(
			sandbox.url,
			sendOfEachItem({
				message: 'Hello',
				options: {
					sendWindow: true,
					windowHours: 'Mon-Fri 09:00-17:00',
					windowTimeZone: '={{ $json.zone }}',
				},
			}),
			[
				{ to: '0541234560', zone: 'Europe/London' },
				{ to: '0541234561', zone: 'Asia/Jerusalem' },
			],
		);
		expect(result.error()).toBeUndefined();
		expect(sent().map((p) => [p.SendToPhoneNumbers, p.DeliveryDelayInMinutes])).toEqual([
			['0541234560', '120'],
			['0541234561', '0'],
		]);
	});

	it('with CC addresses and a Rate Limit, items read one by one: every request waits for the opening, CC stays paired, the rate is reported', async () => {
		// A whole day three days ahead, in UTC: closed now, with a known opening.
		const startedAt = Date.now();
		const today = new Date(startedAt);
		const opening = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 3);
		const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][new Date(opening).getUTCDay()];
		const result = await runSmsCenter(
			sandbox.url,
			sendOfEachItem({
				message: 'Hello',
				options: {
					sendWindow: true,
					windowHours: `${day} 00:00-24:00`,
					windowTimeZone: 'UTC',
					windowSkipHolidays: false,
					ccEmails: '={{ $json.cc }}',
					rateLimit: 2,
					batchSize: 500,
				},
			}),
			[
				{ to: '0541234560, 0541234561', cc: 'a@example.com' },
				{ to: '0541234562, 0541234563', cc: '' },
				{ to: '0541234564, 0541234565', cc: 'b@example.com' },
				{ to: '0541234566', cc: '' },
			],
		);
		expect(result.error()).toBeUndefined();
		const calls = sandbox.calls('SendMessageReturnMessageID');
		// At most two messages a request under a limit of 2 a second; each CC address with its item's first recipient.
		expect(
			calls.map((call) => [form(call.body).SendToPhoneNumbers, form(call.body).CCToEmail]).sort(),
		).toEqual([
			['0541234560', 'a@example.com'],
			['0541234561,0541234562', ''],
			['0541234563,0541234565', ''],
			['0541234564', 'b@example.com'],
			['0541234566', ''],
		]);
		// Each request's delay, worked out when it went, reaches the opening and no further than a minute past it.
		for (const call of calls) {
			const delay = Number(form(call.body).DeliveryDelayInMinutes);
			expect(call.at.getTime() + delay * 60_000).toBeGreaterThanOrEqual(opening);
			expect(delay).toBeLessThanOrEqual(Math.ceil((opening - startedAt) / 60_000));
		}
		for (const item of result.output()) {
			const window = item.json.sendWindow as { sendsAt: string; heldBySendWindow: boolean };
			expect(window.heldBySendWindow).toBe(true);
			expect(Date.parse(window.sendsAt)).toBeGreaterThanOrEqual(opening);
			expect(Date.parse(window.sendsAt)).toBeLessThan(opening + 60_000);
			expect(item.json.rateLimit).toMatchObject({
				limit: 2,
				per: 'second',
				requests: 5,
				messages: 7,
			});
		}
	});

	it('refuses wrong window settings for the item, sending nothing', async () => {
		const hours = await sendSms({}, { windowHours: 'Sun 20:00-08:00' });
		expect(hours.error()?.message).toBe(
			'Item 1: Window Hours: "Sun 20:00-08:00": the closing time is not after the opening time',
		);
		const zone = await sendSms({}, { windowTimeZone: 'Mars/Olympus' });
		expect(zone.error()?.message).toBe(
			'Item 1: Window Time Zone: "Mars/Olympus" is not a time zone; give an IANA name such as Asia/Jerusalem',
		);
		expect(sandbox.calls()).toEqual([]);
	});

	it('voice calls keep to the window too', async () => {
		freezeClockAt('2026-03-24T18:30:00Z'); // Tuesday 20:30
		const result = await runSmsCenter(sandbox.url, {
			resource: 'voiceCall',
			operation: 'send',
			recordId: '101',
			recipients: '0541234560',
			senderName: 'MyShop',
			message: 'Call',
			options: { sendWindow: true },
		} as never);
		expect(result.error()).toBeUndefined();
		expect(sent('SendIVRMessages').map((p) => p.DeliveryDelayInMinutes)).toEqual(['690']);
		expect(result.output()[0].json.sendWindow).toMatchObject({
			sendsAtLocal: '2026-03-25 08:00 Wed (Asia/Jerusalem)',
			heldBySendWindow: true,
		});
	});

	it('Estimate shows when a send started now would go out', async () => {
		freezeClockAt('2026-03-24T18:30:00Z'); // Tuesday 20:30
		const result = await runSmsCenter(sandbox.url, {
			resource: 'sms',
			operation: 'estimate',
			recipients: '0541234560',
			message: 'Hello',
			options: { includeBalance: false, sendWindow: true },
		} as never);
		expect(result.output()[0].json.sendWindow).toEqual({
			sendsAt: '2026-03-25T06:00:00.000Z',
			sendsAtLocal: '2026-03-25 08:00 Wed (Asia/Jerusalem)',
			delayMinutes: 690,
			heldBySendWindow: true,
			heldReason: 'outside the window',
		});
		expect(sandbox.calls()).toEqual([]);
	});
});
