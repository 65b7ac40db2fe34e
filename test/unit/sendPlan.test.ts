import fc from 'fast-check';
import {
	invariantNumber,
	segmentsNeeded,
	SendPlanner,
	type PlannedRequest,
} from '../../nodes/SmsCenter/actions/sms/sendPlan';
import { planRun, preparedSms as sms } from './preparedSms';

describe('planning the requests of a send run', () => {
	it('puts items with the same text and options into one request, in order of first appearance', () => {
		const plan = planRun(
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
		const plan = planRun(
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
		const plan = planRun(
			[
				sms(0, 'A', ['0541234560']),
				sms(1, 'A', ['0541234561'], { delayMinutes: 5 }),
				sms(2, 'A', ['0541234562'], { sender: 'Other' }),
				sms(3, 'A', ['0541234563'], { ccEmails: ['a@example.com'] }),
			],
			{ batchSize: 500, returnMessageId: true },
		);
		// Item 4's request carries its CC address, so no other item joins it: it is complete, and goes
		// first, as soon as the item is read; the others wait for more items until the end.
		expect(plan.map((request) => request.firstItem)).toEqual([3, 0, 1, 2]);
	});

	it("sends each CC address with one of its item's first recipients, in requests of that item alone", () => {
		const cc = ['a@example.com', 'b@example.com'];
		const plan = planRun(
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
			[[[1, ['0541234563']]], '0541234563', 'c@example.com'],
			[
				[
					[0, ['0541234562']],
					[1, ['0541234564']],
					[2, ['0541234565']],
				],
				'0541234562,0541234564,0541234565',
				'',
			],
		]);
	});

	it('keeps CC addresses paired with their recipients when the batch size splits them', () => {
		const plan = planRun(
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
		const [request] = planRun(
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
	const param = (request: PlannedRequest, name: string) =>
		request.params.find(([key]) => key === name)?.[1];
	const SEGMENTS: Record<string, number> = { A: 1, B: 2, C: 3 };

	it.each([
		['without a rate limit', false],
		['under a rate limit', true],
	])(
		'%s: every recipient once and in order, requests of one text and options, each full but the last, complete when given',
		(_label, limited) => {
			const items = fc.array(
				fc.record({
					text: fc.constantFrom('A', 'B', 'C'),
					count: fc.integer({ min: 1, max: 12 }),
					cc: fc.integer({ min: 0, max: 3 }),
				}),
				{ minLength: 1, maxLength: 25 },
			);
			const limit = limited ? fc.integer({ min: 1, max: 12 }) : fc.constant(undefined);
			fc.assert(
				fc.property(
					items,
					fc.integer({ min: 1, max: 10 }),
					fc.boolean(),
					limit,
					(given, batchSize, returnMessageId, maxMessagesPerRequest) => {
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
									measure: { encoding: 'GSM-7', characters: 1, segments: SEGMENTS[text] },
									ccEmails: Array.from(
										{ length: Math.min(cc, count) },
										(_, i) => `cc${itemIndex}-${i}@example.com`,
									),
								},
							),
						);
						const planner = new SendPlanner({ batchSize, returnMessageId, maxMessagesPerRequest });
						const requests: PlannedRequest[] = [];
						const givenWith: number[] = [];
						for (const item of prepared)
							for (const request of planner.add(item)) {
								requests.push(request);
								givenWith.push(item.itemIndex);
							}
						requests.push(...planner.finish());

						// Each item's recipients go once, in their order: those paired with its CC addresses first.
						for (const item of prepared)
							expect(
								requests.flatMap((request) =>
									request.parts
										.filter((part) => part.itemIndex === item.itemIndex)
										.flatMap((part) => part.numbers),
								),
							).toEqual(item.recipients);

						const sizeOf = (text: string) =>
							Math.max(
								1,
								Math.floor(
									Math.min(batchSize, (maxMessagesPerRequest ?? Infinity) / SEGMENTS[text]),
								),
							);
						const lastOfText = new Map<string, PlannedRequest>();
						requests.forEach((request, index) => {
							const text = param(request, 'Message') as string;
							const items = request.parts.map((part) => prepared[part.itemIndex]);
							expect(items.map((item) => item.text)).toEqual(items.map(() => text));
							expect(request.method).toBe(
								returnMessageId ? 'SendMessageReturnMessageID' : 'SendMessagesV2',
							);
							expect(request.firstItem).toBe(request.parts[0].itemIndex);
							expect(request.numbers).toEqual(request.parts.flatMap((part) => part.numbers));
							expect(param(request, 'SendToPhoneNumbers')).toBe(request.numbers.join(','));
							expect(request.messages).toBe(request.numbers.length * SEGMENTS[text]);
							// One recipient always fits, even when its segments alone are over the limit.
							expect(request.numbers.length).toBeLessThanOrEqual(sizeOf(text));
							const cc = param(request, 'CCToEmail');
							if (cc === '') {
								// Of the requests without CC addresses, only the last of a text may be short.
								const earlier = lastOfText.get(text);
								if (earlier) expect(earlier.numbers).toHaveLength(sizeOf(text));
								lastOfText.set(text, request);
							} else {
								// A request with CC addresses carries one item, each address with its recipient.
								const item = items[0];
								expect(new Set(items)).toEqual(new Set([item]));
								expect(cc?.split(',')).toEqual(
									request.numbers.map((number) => item.ccEmails[item.recipients.indexOf(number)]),
								);
							}
							// A request given during the run is full or carries CC addresses (no other item joins
							// those), and is given with the item that completed it.
							if (index < givenWith.length) {
								if (cc === '') expect(request.numbers).toHaveLength(sizeOf(text));
								expect(request.parts[request.parts.length - 1].itemIndex).toBe(givenWith[index]);
							}
						});
					},
				),
				{ numRuns: 150 },
			);
		},
	);
});
