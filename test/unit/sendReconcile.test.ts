import {
	firstFailure,
	reconcile,
	type RequestOutcome,
} from '../../nodes/SmsCenter/actions/sms/sendReconcile';

const request = (...itemIndexes: number[]) => ({
	parts: itemIndexes.map((itemIndex) => ({ itemIndex, numbers: ['0541234560'] })),
});
const sent = (messageId: string | null, code = 'OK'): RequestOutcome => ({
	kind: 'sent',
	code,
	messageId,
});
const failed = (message: string): RequestOutcome => ({ kind: 'failed', error: new Error(message) });
const notStarted: RequestOutcome = { kind: 'notStarted' };

describe('reconciling request outcomes into item results', () => {
	it('gives every item of a sent request the request message ID', () => {
		expect(reconcile([0, 1], [request(0, 1)], [sent('1000001')])).toEqual([
			{ kind: 'sent', itemIndex: 0, status: 'OK', messageIds: ['1000001'] },
			{ kind: 'sent', itemIndex: 1, status: 'OK', messageIds: ['1000001'] },
		]);
	});

	it('reports SomeMessagesSent when one of the item requests was partly sent', () => {
		expect(
			reconcile([0], [request(0), request(0)], [sent('1'), sent('2', 'SomeMessagesSent')]),
		).toEqual([{ kind: 'sent', itemIndex: 0, status: 'SomeMessagesSent', messageIds: ['1', '2'] }]);
	});

	it('fails an item when one of its requests failed, keeping the IDs of the part that went out', () => {
		const [item] = reconcile([0], [request(0), request(0)], [sent('1000001'), failed('refused')]);
		expect(item).toMatchObject({ kind: 'failed', itemIndex: 0, sentMessageIds: ['1000001'] });
		expect(item.kind === 'failed' && item.error.message).toBe('refused');
	});

	it('texts A, B, A with one recipient per request, the third refused and the B request never started: the run stops with the refusal of item 3', () => {
		// Planned as A (item 1), A (item 3), B (item 2), sent one at a time.
		const items = reconcile(
			[0, 1, 2],
			[request(0), request(2), request(1)],
			[sent('1000001'), failed('refused item 3'), notStarted],
		);
		expect(items.map((item) => item.kind)).toEqual(['sent', 'notStarted', 'failed']);
		expect(firstFailure(items)?.itemIndex).toBe(2);
		expect(firstFailure(items)?.error.message).toBe('refused item 3');
	});

	it('finds no failure when every request went out', () => {
		expect(
			firstFailure(reconcile([0, 1], [request(0), request(1)], [sent(null), sent(null)])),
		).toBeUndefined();
	});
});
