import fc from 'fast-check';
import {
	invariantNumber,
	planSend,
	segmentsNeeded,
	SendPlanner,
	type PlannedRequest,
} from '../../nodes/SmsCenter/actions/sms/sendPlan';
import type { PreparedSms } from '../../nodes/SmsCenter/actions/sms/smsItem';

function sms(
	itemIndex: number,
	text: string,
	recipients: string[],
	overrides: Partial<PreparedSms> = {},
): PreparedSms {
	return {
		itemIndex,
		recipients,
		duplicatesRemoved: 0,
		text,
		measure: { encoding: 'GSM-7', characters: text.length, segments: 1 },
		sender: 'MyShop',
		smsOperation: 'Push',
		price: 0,
		delayMinutes: 0,
		expirationMinutes: 0,
		expirationSet: false,
		messageOption: 'Regular',
		ccEmails: [],
		...overrides,
	};
}

describe('planning the requests of a send run', () => {
	it('puts items with the same text and options into one request, in order of first appearance', () => {
		const plan = planSend(
			[sms(0, 'A', ['0541234560']), sms(1, 'B', ['0541234561']), sms(2, 'A', ['0541234562'])],
			{ batchSize: 500, returnMessageId: true },
		);
		expect(
			plan.map((request) => [
				request.method,
				request.firstItem,
				request.parts.map((part) => part.itemIndex),
				request.numbers,
			]),
		).toEqual([
			['SendMessageReturnMessageID', 0, [0, 2], ['0541234560', '0541234562']],
			['SendMessageReturnMessageID', 1, [1], ['0541234561']],
		]);
	});

	it('splits at the batch size, one item spanning several requests', () => {
		const plan = planSend(
			[sms(0, 'A', ['0541234560', '0541234561', '0541234562']), sms(1, 'A', ['0541234563'])],
			{ batchSize: 2, returnMessageId: false },
		);
		expect(plan.map((request) => [request.method, request.parts])).toEqual([
			['SendMessagesV2', [{ itemIndex: 0, numbers: ['0541234560', '0541234561'] }]],
			[
				'SendMessagesV2',
				[
					{ itemIndex: 0, numbers: ['0541234562'] },
					{ itemIndex: 1, numbers: ['0541234563'] },
				],
			],
		]);
	});

	it('keeps items with different options apart', () => {
		const plan = planSend(
			[
				sms(0, 'A', ['0541234560']),
				sms(1, 'A', ['0541234561'], { delayMinutes: 5 }),
				sms(2, 'A', ['0541234562'], { sender: 'Other' }),
				sms(3, 'A', ['0541234563'], { ccEmails: ['a@example.com'] }),
			],
			{ batchSize: 500, returnMessageId: true },
		);
		expect(plan.map((request) => request.firstItem)).toEqual([0, 1, 2, 3]);
	});

	it("sends each CC address with one of its item's first recipients, in requests of that item alone", () => {
		const cc = ['a@example.com', 'b@example.com'];
		const plan = planSend(
			[
				sms(0, 'A', ['0541234560', '0541234561', '0541234562'], { ccEmails: cc }),
				sms(1, 'A', ['0541234563', '0541234564'], { ccEmails: ['c@example.com'] }),
				sms(2, 'A', ['0541234565']),
			],
			{ batchSize: 500, returnMessageId: true },
		);
		const param = (params: Array<[string, string]>, name: string) =>
			params.find(([key]) => key === name)?.[1];
		expect(
			plan.map((request) => [
				request.parts.map((part) => [part.itemIndex, part.numbers]),
				param(request.params, 'SendToPhoneNumbers'),
				param(request.params, 'CCToEmail'),
			]),
		).toEqual([
			[[[0, ['0541234560', '0541234561']]], '0541234560,0541234561', 'a@example.com,b@example.com'],
			[
				[
					[0, ['0541234562']],
					[1, ['0541234564']],
					[2, ['0541234565']],
				],
				'0541234562,0541234564,0541234565',
				'',
			],
			[[[1, ['0541234563']]], '0541234563', 'c@example.com'],
		]);
	});

	it('keeps CC addresses paired with their recipients when the batch size splits them', () => {
		const plan = planSend(
			[
				sms(0, 'A', ['0541234560', '0541234561', '0541234562'], {
					ccEmails: ['a@example.com', 'b@example.com', 'c@example.com'],
				}),
			],
			{ batchSize: 2, returnMessageId: true },
		);
		expect(
			plan.map((request) =>
				['SendToPhoneNumbers', 'CCToEmail'].map(
					(name) => request.params.find(([key]) => key === name)?.[1],
				),
			),
		).toEqual([
			['0541234560,0541234561', 'a@example.com,b@example.com'],
			['0541234562', 'c@example.com'],
		]);
	});

	it('writes the parameters in the documented order, numbers in invariant text', () => {
		const [request] = planSend(
			[
				sms(4, 'Hi', ['0541234560', '0541234561'], {
					smsOperation: 'ReverseBilling',
					price: 1.5,
					delayMinutes: 30,
					expirationMinutes: 120,
					ccEmails: ['a@example.com', 'b@example.com'],
					messageOption: 'Concatenated',
				}),
			],
			{
				batchSize: 500,
				returnMessageId: true,
			},
		);
		expect(request.params).toEqual([
			['SenderName', 'MyShop'],
			['SendToPhoneNumbers', '0541234560,0541234561'],
			['CCToEmail', 'a@example.com,b@example.com'],
			['Message', 'Hi'],
			['SMSOperation', 'ReverseBilling'],
			['DeliveryDelayInMinutes', '30'],
			['ExpirationDelayInMinutes', '120'],
			['MessageOption', 'Concatenated'],
			['Price', '1.5'],
		]);
		expect(invariantNumber(0.1 + 0.2)).toBe('0.3');
		expect(invariantNumber(12)).toBe('12');
	});

	it('counts the segments a run needs', () => {
		expect(
			segmentsNeeded([
				sms(0, 'A', ['1', '2']),
				{ ...sms(1, 'B', ['3']), measure: { encoding: 'UCS-2', characters: 100, segments: 2 } },
			]),
		).toBe(4);
	});
});

describe('planning item by item (each request starts as soon as it is complete)', () => {
	const shape = (request: PlannedRequest) =>
		JSON.stringify([
			request.method,
			request.firstItem,
			request.parts,
			request.numbers,
			request.params,
		]);

	it('gives the same requests as planning all items at once, in the same order within each text (CC requests apart)', () => {
		const items = fc.array(
			fc.record({
				text: fc.constantFrom('A', 'B', 'C'),
				count: fc.integer({ min: 1, max: 12 }),
				cc: fc.integer({ min: 0, max: 3 }),
			}),
			{ minLength: 1, maxLength: 25 },
		);
		fc.assert(
			fc.property(
				items,
				fc.integer({ min: 1, max: 10 }),
				fc.boolean(),
				(given, batchSize, returnMessageId) => {
					let next = 0;
					const prepared = given.map(({ text, count, cc }, itemIndex) =>
						sms(
							itemIndex,
							text,
							Array.from(
								{ length: count },
								() => `05${String(20000000 + next++).padStart(8, '0')}`,
							),
							{
								ccEmails: Array.from(
									{ length: Math.min(cc, count) },
									(_, i) => `cc${itemIndex}-${i}@example.com`,
								),
							},
						),
					);
					const planner = new SendPlanner({ batchSize, returnMessageId });
					const streamed: PlannedRequest[] = [];
					const readyAt: number[] = [];
					for (const item of prepared)
						for (const request of planner.add(item)) {
							streamed.push(request);
							readyAt.push(item.itemIndex);
						}
					streamed.push(...planner.finish());
					const whole = planSend(prepared, { batchSize, returnMessageId });
					expect(streamed.map(shape).sort()).toEqual(whole.map(shape).sort());
					for (const text of ['A', 'B', 'C']) {
						const ofText = (list: PlannedRequest[]) =>
							list
								.filter(
									(request) =>
										request.params.some(([, value]) => value === text) &&
										request.params.some(([name, value]) => name === 'CCToEmail' && value === ''),
								)
								.map(shape);
						expect(ofText(streamed)).toEqual(ofText(whole));
					}
					// A request given during the run is full or carries CC addresses (no other item joins
					// those), and is given with the item that completed it.
					readyAt.forEach((itemIndex, index) => {
						const cc = streamed[index].params.find(([name]) => name === 'CCToEmail')?.[1];
						if (cc === '') expect(streamed[index].numbers).toHaveLength(batchSize);
						else expect(cc?.split(',')).toHaveLength(streamed[index].numbers.length);
						expect(streamed[index].parts[streamed[index].parts.length - 1].itemIndex).toBe(
							itemIndex,
						);
					});
				},
			),
			{ numRuns: 500 },
		);
	});

	it('under a rate limit, gives the same requests as planning all items at once, none over the messages per request', () => {
		const items = fc.array(
			fc.record({
				text: fc.constantFrom('A', 'B', 'C'),
				count: fc.integer({ min: 1, max: 12 }),
				cc: fc.integer({ min: 0, max: 2 }),
			}),
			{ minLength: 1, maxLength: 20 },
		);
		const segmentsOf: Record<string, number> = { A: 1, B: 2, C: 3 };
		fc.assert(
			fc.property(
				items,
				fc.integer({ min: 1, max: 10 }),
				fc.integer({ min: 1, max: 12 }),
				(given, batchSize, maxMessagesPerRequest) => {
					let next = 0;
					const prepared = given.map(({ text, count, cc }, itemIndex) =>
						sms(
							itemIndex,
							text,
							Array.from(
								{ length: count },
								() => `05${String(20000000 + next++).padStart(8, '0')}`,
							),
							{
								measure: { encoding: 'GSM-7', characters: 1, segments: segmentsOf[text] },
								ccEmails: Array.from(
									{ length: Math.min(cc, count) },
									(_, i) => `cc${itemIndex}-${i}@example.com`,
								),
							},
						),
					);
					const options = { batchSize, returnMessageId: true, maxMessagesPerRequest };
					const planner = new SendPlanner(options);
					const streamed = prepared.flatMap((item) => planner.add(item));
					streamed.push(...planner.finish());
					const whole = planSend(prepared, options);
					expect(streamed.map(shape).sort()).toEqual(whole.map(shape).sort());
					for (const request of streamed) {
						const segments = segmentsOf[request.params.find(([name]) => name === 'Message')![1]];
						expect(request.messages).toBe(request.numbers.length * segments);
						expect(request.numbers.length).toBeLessThanOrEqual(batchSize);
						// One recipient always fits, even when its segments alone are over the limit.
						if (request.numbers.length > 1)
							expect(request.messages).toBeLessThanOrEqual(maxMessagesPerRequest);
					}
				},
			),
			{ numRuns: 300 },
		);
	});
});
