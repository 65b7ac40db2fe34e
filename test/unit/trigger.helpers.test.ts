import {
	isAddressAllowed,
	parseAllowlist,
	parseEntry,
} from '../../nodes/SmsCenterTrigger/helpers/ipAllowlist';
import {
	DeliveryMemory,
	readStoredMemory,
} from '../../nodes/SmsCenterTrigger/helpers/deliveryMemory';
import {
	deliveryEventId,
	malformedEventId,
	memoryKey,
} from '../../nodes/SmsCenterTrigger/helpers/eventId';
import { readNotification } from '../../nodes/SmsCenterTrigger/helpers/notification';
import { secretMatches, secretProblem } from '../../nodes/SmsCenterTrigger/helpers/secret';

describe('IP allowlist', () => {
	it('matches addresses and CIDR ranges, IPv4-mapped IPv6 callers against IPv4 ranges', () => {
		const { ranges, invalid } = parseAllowlist('192.0.2.10, 198.51.100.0/24 2001:db8::/32');
		expect(invalid).toEqual([]);
		expect(isAddressAllowed('192.0.2.10', ranges)).toBe(true);
		expect(isAddressAllowed('192.0.2.11', ranges)).toBe(false);
		expect(isAddressAllowed('::ffff:198.51.100.77', ranges)).toBe(true);
		expect(isAddressAllowed('::ffff:198.51.101.1', ranges)).toBe(false);
		expect(isAddressAllowed('198.51.101.1', ranges)).toBe(false);
		expect(isAddressAllowed('2001:db8:1::5', ranges)).toBe(true);
		expect(isAddressAllowed('2001:db9::5', ranges)).toBe(false);
		expect(isAddressAllowed('not an address', ranges)).toBe(false);
		expect(isAddressAllowed('', ranges)).toBe(false);
	});

	it('reads an IPv4-mapped IPv6 range as the IPv4 range', () => {
		const { ranges } = parseAllowlist('::ffff:192.0.2.0/120');
		expect(isAddressAllowed('192.0.2.200', ranges)).toBe(true);
		expect(isAddressAllowed('::ffff:192.0.2.1', ranges)).toBe(true);
		expect(isAddressAllowed('192.0.3.1', ranges)).toBe(false);
	});

	it.each([
		['192.0.2.10/', 'an empty prefix (allowed every IPv4 address)'],
		['/-0', 'no address and a negative prefix (allowed everything)'],
		['10.0.0.1/33', 'a prefix beyond 32 (allowed half the IPv4 space)'],
		['::1/', 'an empty IPv6 prefix (allowed every IPv6 address)'],
		['::1/x', 'a prefix that is not a number (threw for every IPv6 caller)'],
		['10.0.0.0/8/8', 'two prefixes'],
		['::/129', 'a prefix beyond 128'],
		['127.1', 'a shortened IPv4 address'],
		['0x7f.0.0.1', 'a hexadecimal part'],
		['192.0.2.010', 'a part with a leading zero (octal to some parsers)'],
		['256.1.1.1', 'a part beyond 255'],
		['example.com', 'a host name'],
		['1.2.3.4/+8', 'a signed prefix'],
	])('refuses %s: %s', (entry) => {
		expect(parseEntry(entry)).toBeUndefined();
		const parsed = parseAllowlist(`192.0.2.10, ${entry}`);
		expect(parsed.invalid).toEqual([entry]);
		expect(parsed.ranges).toHaveLength(1);
	});
});

describe('secret comparison', () => {
	it('matches only the same secret, whatever the lengths', () => {
		expect(secretMatches('s3cret-value', 's3cret-value')).toBe(true);
		expect(secretMatches('s3cret-valuf', 's3cret-value')).toBe(false);
		expect(secretMatches('s3cret', 's3cret-value')).toBe(false);
		expect(secretMatches('s3cret-value-longer', 's3cret-value')).toBe(false);
		expect(secretMatches('', '')).toBe(false);
	});
	it('the credential test accepts long URL-safe secrets only', () => {
		expect(secretProblem('0123456789abcdef0123456789abcdef')).toBeUndefined();
		expect(secretProblem('Zq8rT3vW9xY2aB5c-_.~')).toBeUndefined();
		expect(secretProblem('short')).toMatch(/^The secret has 5 characters; use at least 16/);
		expect(secretProblem('a-long-secret-with&amp')).toMatch(
			/characters that change meaning in a URL/,
		);
		expect(secretProblem('a long secret with spaces')).toMatch(
			/characters that change meaning in a URL/,
		);
	});
});

describe('event IDs', () => {
	it('derive from the message ID, the number as sent (digits only) and the status code', () => {
		expect(deliveryEventId('1000001', '972541234560', 600)).toBe('1000001-972541234560-600');
		expect(deliveryEventId('1000001', '+972-54-123-4560', 600)).toBe('1000001-972541234560-600');
		expect(deliveryEventId('1000001', null, 300)).toBe('1000001-0-300');
	});
	it('give a malformed notification a digest of its fields, the same in any order or letter case of names', () => {
		const id = malformedEventId({ MSISDN: '972541234560', StatusCode: '600' });
		expect(id).toMatch(/^malformed-[0-9a-f]{24}$/);
		expect(malformedEventId({ statuscode: '600', msisdn: '972541234560' })).toBe(id);
		expect(malformedEventId({ MSISDN: '972541234560', StatusCode: '700' })).not.toBe(id);
	});
	it('memory keys are 11 characters of the digest', () => {
		expect(memoryKey('1000001-972541234560-600')).toMatch(/^[A-Za-z0-9_-]{11}$/);
		expect(memoryKey('1000001-972541234560-600')).not.toBe(memoryKey('1000001-972541234560-700'));
	});
});

describe('duplicate memory', () => {
	const key = (n: number) => memoryKey(`${n}-972541234560-600`);

	it('counts a report as seen while its run is being handed over, and remembers it only once confirmed', () => {
		const memory = new DeliveryMemory();
		memory.begin(key(1));
		expect(memory.has(key(1))).toBe(true);
		expect(memory.size).toBe(0);
		memory.abandon(key(1));
		expect(memory.has(key(1))).toBe(false);
		memory.begin(key(1));
		memory.confirm(key(1), 100);
		expect(memory.has(key(1))).toBe(true);
		expect(memory.size).toBe(1);
	});

	it('tells a report being handed over from one whose caller left before n8n answered', () => {
		const memory = new DeliveryMemory();
		expect(memory.state(key(1))).toBe('new');
		memory.begin(key(1));
		expect(memory.state(key(1))).toBe('starting');
		memory.callerLeft(key(1));
		expect(memory.state(key(1))).toBe('unsettled');
		memory.confirm(key(1), 5);
		expect(memory.state(key(1))).toBe('seen');
		memory.callerLeft(key(2));
		expect(memory.state(key(2))).toBe('new');
	});

	it('forgets what is older than the window, from the oldest end', () => {
		const memory = new DeliveryMemory();
		memory.confirm(key(1), 100);
		memory.confirm(key(2), 130);
		memory.confirm(key(3), 160);
		memory.prune(190, 60);
		expect([key(1), key(2), key(3)].map((k) => memory.has(k))).toEqual([false, false, true]);
	});

	it('stays within its limit, forgetting the oldest', () => {
		const memory = new DeliveryMemory(5);
		for (let i = 0; i < 10; i++) memory.confirm(key(i), i);
		expect(memory.size).toBe(5);
		expect(Array.from({ length: 10 }, (_, i) => memory.has(key(i)))).toEqual([
			false,
			false,
			false,
			false,
			false,
			true,
			true,
			true,
			true,
			true,
		]);
	});

	it('never lets a clock step back reorder the memory', () => {
		const memory = new DeliveryMemory();
		expect(memory.minute(10 * 60_000)).toBe(10);
		expect(memory.minute(5 * 60_000)).toBe(10);
	});

	it('stores about 11 bytes per report, in buckets per minute, and reads back what it stored', () => {
		const memory = new DeliveryMemory();
		for (let i = 0; i < 1000; i++) memory.confirm(key(i), 29_000_000 + Math.floor(i / 100));
		const stored = memory.toStored('writer-a');
		expect(stored.b).toHaveLength(10);
		expect(JSON.stringify(stored).length).toBeLessThan(1000 * 11 + 10 * 20 + 50);
		expect(readStoredMemory(JSON.parse(JSON.stringify(stored)))).toEqual(stored);

		const restarted = new DeliveryMemory();
		restarted.merge(stored);
		expect(restarted.size).toBe(1000);
		expect(restarted.has(key(999))).toBe(true);
		restarted.prune(29_000_000 + 9, 5);
		expect(restarted.has(key(499))).toBe(false);
		expect(restarted.has(key(500))).toBe(true);
	});

	it('merges another copy in first-seen order, keeping the earliest time of a key', () => {
		const a = new DeliveryMemory();
		a.confirm(key(1), 10);
		a.confirm(key(3), 30);
		const b = new DeliveryMemory();
		b.confirm(key(2), 20);
		b.confirm(key(3), 25);
		a.merge(b.toStored('b'));
		expect(a.toStored('a').b).toEqual([
			['a', key(1)],
			['k', key(2)],
			['p', key(3)],
		]);
	});

	it('puts a report confirmed after a newer one at the newest end, so the oldest end stays the oldest', () => {
		const memory = new DeliveryMemory();
		memory.confirm(key(1), 10);
		memory.confirm(key(2), 9);
		memory.confirm(key(3), 11);
		expect(memory.toStored('w').b).toEqual([
			['a', key(1) + key(2)],
			['b', key(3)],
		]);
		memory.prune(20, 10);
		expect([key(1), key(2), key(3)].map((k) => memory.has(k))).toEqual([false, false, true]);
	});

	it('tells when it holds reports not yet written out', () => {
		const memory = new DeliveryMemory();
		expect(memory.unsaved).toBe(false);
		memory.confirm(key(1), 1);
		expect(memory.unsaved).toBe(true);
		memory.toStored('w');
		expect(memory.unsaved).toBe(false);
	});

	it('skips damaged stored entries', () => {
		const memory = new DeliveryMemory();
		memory.merge({
			v: 1,
			w: 'x',
			s: 1,
			b: [
				['zz', 'short'],
				['a', key(1)],
				['!', key(2)],
				['b', `${key(3)}<script>`],
			] as Array<[string, string]>,
		});
		expect([key(1), key(2), key(3)].map((k) => memory.has(k))).toEqual([true, false, false]);
		expect(readStoredMemory({ v: 2, w: 'x', s: 1, b: [] })).toBeUndefined();
		expect(readStoredMemory('text')).toBeUndefined();
	});
});

describe('notification reading', () => {
	const at = new Date('2026-11-25T07:30:05.000Z');
	const full = {
		key: 's3cret',
		MsgID: '1000001',
		MSISDN: '972541234567',
		StatusCode: '600',
		StatusDes: 'Delivered',
		ReasonCode: '601',
		ReasonDes: 'Message delivered',
		Date: '25112026093000',
	};

	it('reads every token', () => {
		expect(readNotification(full, 'Asia/Jerusalem', at)).toEqual({
			eventId: '1000001-972541234567-600',
			valid: true,
			problems: [],
			messageId: '1000001',
			msisdn: '972541234567',
			msisdnNormalised: '0541234567',
			status: {
				code: 600,
				name: 'Delivered',
				description: 'Delivered to the mobile device according to the cellular operator',
				final: true,
				delivered: true,
				gatewayText: 'Delivered',
			},
			reason: { code: 601, description: 'Message delivered', gatewayText: 'Message delivered' },
			deliveredAt: '2026-11-25T07:30:00.000Z',
			deliveredAtRaw: '25112026093000',
			receivedAt: '2026-11-25T07:30:05.000Z',
			query: {
				MsgID: '1000001',
				MSISDN: '972541234567',
				StatusCode: '600',
				StatusDes: 'Delivered',
				ReasonCode: '601',
				ReasonDes: 'Message delivered',
				Date: '25112026093000',
			},
		});
	});

	it('lists what is wrong with a malformed notification', () => {
		const event = readNotification(
			{ MSISDN: 'abc', StatusCode: '650', Date: '99999999999999' },
			'Asia/Jerusalem',
			at,
		);
		expect(event.valid).toBe(false);
		expect(event.eventId).toMatch(/^malformed-/);
		expect(event.problems).toEqual([
			'the message ID (MsgID) is missing',
			'the phone number "abc" is not valid: only digits, spaces, dashes, dots, brackets and a leading + are allowed',
			'the status code "650" is not one of 200, 300, 400, 500, 600, 700',
			'the date "99999999999999" is not DDMMYYYYHHMMSS',
		]);
	});

	it('never reads codes from object prototypes', () => {
		const event = readNotification(
			{ ...full, StatusCode: 'constructor', ReasonCode: '__proto__' },
			'Asia/Jerusalem',
			at,
		);
		expect(event.status).toMatchObject({ code: null, name: null });
		expect(event.reason).toMatchObject({ code: null });
		expect(event.valid).toBe(false);
	});
});
