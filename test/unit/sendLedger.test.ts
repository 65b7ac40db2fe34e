import { itemNumbers, sentItemsSentence } from '../../nodes/SmsCenter/actions/common/sentItems';
import { SendLedger } from '../../nodes/SmsCenter/transport/sendLedger';

describe('the send ledger', () => {
	it('keeps at most its limit of entries, dropping the oldest written', () => {
		const ledger = new SendLedger(3, 60_000, () => 0);
		for (const key of ['a', 'b', 'c', 'd'])
			ledger.set(key, { outcome: 'sent', code: 'OK', messageId: key });
		expect(ledger.size).toBe(3);
		expect(ledger.get('a')).toBeUndefined();
		expect(ledger.get('d')).toEqual({ outcome: 'sent', code: 'OK', messageId: 'd' });
	});

	it('forgets entries older than its maximum age', () => {
		let now = 0;
		const ledger = new SendLedger(10, 1_000, () => now);
		ledger.set('old', { outcome: 'unknown', reason: 'HTTP 500' });
		now = 600;
		ledger.set('new', { outcome: 'unknown', reason: 'HTTP 500' });
		now = 1_200;
		expect(ledger.get('old')).toBeUndefined();
		expect(ledger.get('new')).toEqual({ outcome: 'unknown', reason: 'HTTP 500' });
		expect(ledger.size).toBe(1);
	});

	it('rewriting an entry makes it the newest', () => {
		const ledger = new SendLedger(2, 60_000, () => 0);
		ledger.set('a', { outcome: 'unknown', reason: 'x' });
		ledger.set('b', { outcome: 'unknown', reason: 'x' });
		ledger.set('a', { outcome: 'sent', code: 'OK', messageId: '1' });
		ledger.set('c', { outcome: 'unknown', reason: 'x' });
		expect(ledger.get('b')).toBeUndefined();
		expect(ledger.get('a')).toEqual({ outcome: 'sent', code: 'OK', messageId: '1' });
	});
});

describe('naming the items already sent', () => {
	it('writes item numbers as ranges', () => {
		expect(itemNumbers([0])).toBe('item 1');
		expect(itemNumbers([4, 0, 1, 2, 6, 6])).toBe('items 1-3, 5, 7');
	});

	it('groups items by the message IDs they got, and says what went out only in part', () => {
		expect(
			sentItemsSentence([
				{ itemIndex: 0, messageIds: ['1000001'] },
				{ itemIndex: 1, messageIds: ['1000001'] },
				{ itemIndex: 2, messageIds: ['1000002', '1000003'] },
				{ itemIndex: 3, messageIds: [] },
				{ itemIndex: 5, messageIds: ['1000004'], partly: true },
			]),
		).toBe(
			'Already sent in this run, do not send again: items 1-2 (message ID 1000001); item 3 (message IDs 1000002, 1000003); item 4 (no message ID); item 6 (partly sent, message ID 1000004).',
		);
		expect(sentItemsSentence([])).toBe('');
	});
});
