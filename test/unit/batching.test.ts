import { planBatches } from '../../nodes/SmsCenter/helpers/batching';
import { mapWithConcurrency } from '../../nodes/SmsCenter/helpers/concurrency';

describe('batch planning', () => {
	it('groups items with the same key up to the batch size, in first-appearance order', () => {
		const batches = planBatches(
			[
				{ itemIndex: 0, key: 'a', numbers: ['1', '2'] },
				{ itemIndex: 1, key: 'b', numbers: ['3'] },
				{ itemIndex: 2, key: 'a', numbers: ['4', '5'] },
			],
			3,
		);
		expect(batches).toEqual([
			{
				key: 'a',
				numbers: ['1', '2', '4'],
				parts: [
					{ itemIndex: 0, numbers: ['1', '2'] },
					{ itemIndex: 2, numbers: ['4'] },
				],
			},
			{ key: 'a', numbers: ['5'], parts: [{ itemIndex: 2, numbers: ['5'] }] },
			{ key: 'b', numbers: ['3'], parts: [{ itemIndex: 1, numbers: ['3'] }] },
		]);
	});
});

describe('bounded concurrency', () => {
	it('keeps the order and never runs more than the limit at once', async () => {
		let running = 0;
		let peak = 0;
		const results = await mapWithConcurrency([30, 10, 20, 5, 15], 2, async (ms, index) => {
			running++;
			peak = Math.max(peak, running);
			await new Promise((resolve) => setTimeout(resolve, ms));
			running--;
			return index * 10;
		});
		expect(results).toEqual([0, 10, 20, 30, 40]);
		expect(peak).toBe(2);
	});
});
