import { runSmsCenter, sendOfEachItem } from '../../harness/executeWorkflow';
import { arrivals, useSandbox } from '../../harness/sandbox';

const form = (body: string) => Object.fromEntries(new URLSearchParams(body));

/**
 * Pacing proved by counting, not by timing thresholds: with a limit of r messages per second, the
 * pacer lets a request start only when the messages of the requests before it have had their time,
 * so the j-th request the sandbox received (all carrying the same number of messages) arrived no
 * sooner than (messages received before it) / r seconds after the run began. This cannot fail on a
 * slow machine (slowness only makes arrivals later); it fails when requests are not paced.
 */
function budgetViolations(
	arrivals: Array<{ at: number; messages: number }>,
	startedAt: number,
	perSecond: number,
): string[] {
	const sorted = [...arrivals].sort((a, b) => a.at - b.at);
	const violations: string[] = [];
	let before = 0;
	sorted.forEach((arrival, index) => {
		const earliest = startedAt + (before * 1000) / perSecond;
		if (arrival.at < earliest)
			violations.push(
				`request ${index + 1} arrived ${earliest - arrival.at} ms before its budget allowed`,
			);
		before += arrival.messages;
	});
	return violations;
}

describe('Rate Limit on SMS and voice-call sends, in the n8n engine', () => {
	const sandbox = useSandbox();

	it('personalised texts with concurrency 5 are paced to 20 messages a second, none dropped, and the output reports the rate', async () => {
		const items = Array.from({ length: 30 }, (_, i) => ({
			to: `0541${String(i).padStart(5, '0')}0`,
			text: `Hello ${i}`,
		}));
		const startedAt = Date.now();
		const result = await runSmsCenter(
			sandbox.url,
			sendOfEachItem({ options: { rateLimit: 20, rateLimitPer: 'second', concurrency: 5 } }),
			items,
		);
		expect(result.error()).toBeUndefined();
		const received = arrivals(sandbox, 'SendMessageReturnMessageID', 1);
		expect(received).toHaveLength(30);
		expect(sandbox.messages()).toHaveLength(30);
		expect(budgetViolations(received, startedAt, 20)).toEqual([]);
		const rate = result.output()[29].json.rateLimit as Record<string, number | null>;
		expect(rate).toMatchObject({ limit: 20, per: 'second', requests: 30, messages: 30 });
		// The rate the run kept to is at most the limit: the pacer spaces the starts by construction.
		expect(rate.achievedRate).not.toBeNull();
		expect(rate.achievedRate as number).toBeLessThanOrEqual(20);
		expect(result.output()[0].json.rateLimit).toEqual(rate);
	});

	it('one text of 2 segments to 45 recipients: requests carry at most a second of messages (10 recipients), paced', async () => {
		const recipients = Array.from(
			{ length: 45 },
			(_, i) => `05412345${String(i).padStart(2, '0')}`,
		);
		const text = 'x'.repeat(200); // 2 segments in GSM-7
		const startedAt = Date.now();
		const result = await runSmsCenter(sandbox.url, {
			resource: 'sms',
			operation: 'send',
			recipients: recipients.join(','),
			senderName: 'MyShop',
			message: text,
			options: { rateLimit: 20, batchSize: 500 },
		} as never);
		expect(result.error()).toBeUndefined();
		const received = arrivals(sandbox, 'SendMessageReturnMessageID', 2);
		expect(received.map((r) => r.messages)).toEqual([20, 20, 20, 20, 10]);
		expect(budgetViolations(received, startedAt, 20)).toEqual([]);
		const sent = sandbox
			.calls('SendMessageReturnMessageID')
			.flatMap((call) => form(call.body).SendToPhoneNumbers.split(','));
		expect(sent.sort()).toEqual([...recipients].sort());
		expect(result.output()[0].json.rateLimit).toMatchObject({ requests: 5, messages: 90 });
	});

	it('voice calls are paced by recipients (one call each), item by item', async () => {
		const startedAt = Date.now();
		const result = await runSmsCenter(
			sandbox.url,
			{
				resource: 'voiceCall',
				operation: 'send',
				recordId: '101',
				recipients: '={{ $json.to }}',
				senderName: 'MyShop',
				message: 'Call',
				options: { rateLimit: 4, rateLimitPer: 'second' },
			} as never,
			[{ to: '0541234560, 0541234561' }, { to: '0541234562, 0541234563' }, { to: '0541234564' }],
		);
		expect(result.error()).toBeUndefined();
		const received = arrivals(sandbox, 'SendIVRMessages', 1);
		expect(received.map((r) => r.messages)).toEqual([2, 2, 1]);
		// Two calls at 4 a second are half a second: the second and third requests wait for them.
		expect(received[1].at - startedAt).toBeGreaterThanOrEqual(500);
		expect(received[2].at - startedAt).toBeGreaterThanOrEqual(1000);
		expect(result.output()[2].json.rateLimit).toMatchObject({ requests: 3, messages: 5 });
	});

	it('refuses a limit that is not a whole number of messages, sending nothing', async () => {
		const result = await runSmsCenter(sandbox.url, {
			resource: 'sms',
			operation: 'send',
			recipients: '0541234560',
			senderName: 'MyShop',
			message: 'Hello',
			options: { rateLimit: 2.5 },
		} as never);
		expect(result.error()?.message).toMatch(/^Item 1: Rate Limit \(Messages\): /);
		expect(sandbox.calls()).toEqual([]);
	});
});
