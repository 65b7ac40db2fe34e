import { Pacer, type PacerClock } from '../../nodes/SmsCenter/helpers/pacer';
import { planRun, preparedSms } from './preparedSms';

/**
 * A virtual clock: time moves only when everyone waiting is asleep, straight to the earliest wake-up,
 * so concurrent sleepers overlap as on a real clock and no test depends on real time.
 */
function virtualClock(): PacerClock & { sleeps: number[] } {
	let now = 1_000_000;
	const sleeps: number[] = [];
	const pending: Array<{ at: number; wake: () => void }> = [];
	const advance = () => {
		if (pending.length === 0) return;
		pending.sort((a, b) => a.at - b.at);
		const next = pending.shift() as { at: number; wake: () => void };
		now = Math.max(now, next.at);
		next.wake();
	};
	return {
		sleeps,
		now: () => now,
		sleep: (ms) =>
			new Promise<void>((resolve) => {
				sleeps.push(ms);
				pending.push({ at: now + ms, wake: resolve });
				setImmediate(advance);
			}),
	};
}

describe('pacing send requests', () => {
	it('starts each request once the messages before it have had their time: 10 per second', async () => {
		const clock = virtualClock();
		const pacer = new Pacer(10, 'second', clock);
		const starts: number[] = [];
		for (const cost of [10, 10, 5, 20, 1]) {
			expect(await pacer.take(cost)).toBe(true);
			starts.push(clock.now() - 1_000_000);
		}
		expect(starts).toEqual([0, 1000, 2000, 2500, 4500]);
		expect(pacer.report()).toEqual({
			limit: 10,
			per: 'second',
			requests: 5,
			messages: 46,
			seconds: 4.5,
			achievedRate: 10,
		});
	});

	it('per minute, the same spacing in minutes; a wait is split so that cancelling is noticed', async () => {
		const clock = virtualClock();
		const pacer = new Pacer(60, 'minute', clock);
		await pacer.take(3);
		await pacer.take(1);
		expect(clock.now() - 1_000_000).toBe(3000);
		expect(clock.sleeps).toEqual([1000, 1000, 1000]);
	});

	it('requests asking at once (concurrency) get their turns in the order they asked, none dropped', async () => {
		const clock = virtualClock();
		const pacer = new Pacer(4, 'second', clock);
		const order: number[] = [];
		await Promise.all(
			[0, 1, 2, 3, 4, 5].map(async (index) => {
				await pacer.take(2);
				order.push(index);
			}),
		);
		expect(order).toEqual([0, 1, 2, 3, 4, 5]);
		expect(pacer.report()).toMatchObject({ requests: 6, messages: 12, achievedRate: 4 });
	});

	it('a request that asks after its turn has passed goes at once, and the spacing starts from it', async () => {
		const clock = virtualClock();
		const pacer = new Pacer(1, 'second', clock);
		await pacer.take(1);
		await clock.sleep(5000);
		const before = clock.now();
		await pacer.take(1);
		expect(clock.now()).toBe(before);
		await pacer.take(1);
		expect(clock.now()).toBe(before + 1000);
	});

	it('a cancelled run gives up its turn without taking it', async () => {
		const clock = virtualClock();
		let cancelled = false;
		const pacer = new Pacer(1, 'second', clock, () => cancelled);
		await pacer.take(1);
		cancelled = true;
		expect(await pacer.take(1)).toBe(false);
		expect(pacer.report()).toMatchObject({ requests: 1, achievedRate: null });
	});
});

describe('requests under a rate limit carry at most one period of messages', () => {
	const sms = (itemIndex: number, recipients: string[], segments: number) =>
		preparedSms(itemIndex, `Text ${segments}`, recipients, {
			measure: { encoding: 'GSM-7', characters: 10, segments },
		});
	const numbers = (count: number) =>
		Array.from({ length: count }, (_, i) => `05412${String(i).padStart(5, '0')}`);

	it('splits by recipients times segments, and counts the messages of each request', () => {
		const plan = planRun([sms(0, numbers(25), 2), sms(1, numbers(7), 1)], {
			batchSize: 500,
			returnMessageId: true,
			maxMessagesPerRequest: 20,
		});
		expect(plan.map((request) => [request.numbers.length, request.messages])).toEqual([
			[10, 20],
			[10, 20],
			[5, 10],
			[7, 7],
		]);
	});

	it('a text of more segments than the limit still goes, one recipient a request', () => {
		const plan = planRun([sms(0, numbers(3), 4)], {
			batchSize: 500,
			returnMessageId: true,
			maxMessagesPerRequest: 3,
		});
		expect(plan.map((request) => request.messages)).toEqual([4, 4, 4]);
	});

	it('the smaller of Batch Size and the limit counts', () => {
		const plan = planRun([sms(0, numbers(25), 1)], {
			batchSize: 8,
			returnMessageId: true,
			maxMessagesPerRequest: 20,
		});
		expect(plan.map((request) => request.numbers.length)).toEqual([8, 8, 8, 1]);
	});
});
