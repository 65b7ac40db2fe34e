import {
	invariantNumber,
	planSend,
	segmentsNeeded,
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
