import { isAddressAllowed, invalidAllowlistEntries, isIP } from '../../nodes/SmsCenterTrigger/helpers/ipAllowlist';
import { mergeNotifications, notificationKey, rememberNotification } from '../../nodes/SmsCenterTrigger/helpers/duplicates';
import { readNotification } from '../../nodes/SmsCenterTrigger/helpers/notification';

describe('IP allowlist', () => {
	it('matches addresses and CIDR ranges, IPv4-mapped IPv6 included', () => {
		const list = ['192.0.2.10', '198.51.100.0/24', '2001:db8::/32'];
		expect(isAddressAllowed('192.0.2.10', list)).toBe(true);
		expect(isAddressAllowed('::ffff:198.51.100.77', list)).toBe(true);
		expect(isAddressAllowed('198.51.101.1', list)).toBe(false);
		expect(isAddressAllowed('2001:db8:1::5', list)).toBe(true);
		expect(isAddressAllowed('2001:db9::5', list)).toBe(false);
		expect(isIP('::1')).toBe(6);
		expect(isIP('256.1.1.1')).toBe(0);
		expect(invalidAllowlistEntries(['10.0.0.0/33', 'host', '10.0.0.0/8'])).toEqual(['10.0.0.0/33', 'host']);
	});
});

describe('duplicate memory', () => {
	it('suppresses repeats within the window and forgets them after it', () => {
		const seen = {};
		const key = notificationKey('1', '0541234567', 600);
		expect(rememberNotification(seen, key, 1000, 100)).toBe(true);
		expect(rememberNotification(seen, key, 1050, 100)).toBe(false);
		expect(rememberNotification(seen, key, 1200, 100)).toBe(true);
	});
	it('merges another copy, keeping the earliest time', () => {
		const seen: Record<string, number> = { a: 5, b: 9 };
		mergeNotifications(seen, { b: 7, c: 8 });
		expect(seen).toEqual({ a: 5, b: 7, c: 8 });
	});
	it('stays within its limit, forgetting the oldest', () => {
		const seen: Record<string, number> = {};
		for (let i = 0; i < 10; i++) rememberNotification(seen, `k${i}`, i, 1000, 5);
		expect(Object.keys(seen)).toEqual(['k5', 'k6', 'k7', 'k8', 'k9']);
	});
});

describe('notification reading', () => {
	const at = new Date('2026-11-25T07:30:05.000Z');
	it('reads every token', () => {
		const event = readNotification(
			{ key: 's3cret', MsgID: '1000001', MSISDN: '972541234567', StatusCode: '600', StatusDes: 'Delivered', ReasonCode: '601', ReasonDes: 'Message delivered', Date: '25112026093000' },
			'Asia/Jerusalem',
			at,
		);
		expect(event).toEqual({
			valid: true,
			problems: [],
			messageId: '1000001',
			msisdn: '972541234567',
			msisdnNormalised: '0541234567',
			status: { code: 600, name: 'Delivered', description: 'Delivered to the mobile device according to the cellular operator', final: true, delivered: true, gatewayText: 'Delivered' },
			reason: { code: 601, description: 'Message delivered' },
			deliveredAt: '2026-11-25T07:30:00.000Z',
			deliveredAtRaw: '25112026093000',
			receivedAt: '2026-11-25T07:30:05.000Z',
			query: { MsgID: '1000001', MSISDN: '972541234567', StatusCode: '600', StatusDes: 'Delivered', ReasonCode: '601', ReasonDes: 'Message delivered', Date: '25112026093000' },
		});
	});
	it('lists what is wrong with a malformed notification', () => {
		const event = readNotification({ MSISDN: 'abc', StatusCode: '650', Date: '99999999999999' }, 'Asia/Jerusalem', at);
		expect(event.valid).toBe(false);
		expect(event.problems).toEqual([
			'the message ID (MsgID) is missing',
			'the phone number "abc" is not valid: only digits, spaces, dashes, dots, brackets and a leading + are allowed',
			'the status code "650" is not one of 200, 300, 400, 500, 600, 700',
			'the date "99999999999999" is not DDMMYYYYHHMMSS',
		]);
	});
});
