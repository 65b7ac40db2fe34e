import {
	normalisePhoneNumber,
	normaliseRecipients,
	splitRecipients,
} from '../../nodes/shared/phoneNumbers';

describe('phone number normalisation', () => {
	it.each([
		'+972541234567',
		'972541234567',
		'054-1234567',
		'054 123 4567',
		'0541234567',
		'(054) 123-4567',
		'541234567',
	])('%s becomes 0541234567', (input) => {
		expect(normalisePhoneNumber(input, 'sms')).toEqual({ valid: true, number: '0541234567' });
	});

	it('keeps foreign numbers as international digits', () => {
		expect(normalisePhoneNumber('+44 7911 123456', 'sms')).toEqual({
			valid: true,
			number: '447911123456',
		});
	});

	it('accepts landlines for voice calls but not for SMS', () => {
		expect(normalisePhoneNumber('03-1234567', 'voice')).toEqual({
			valid: true,
			number: '031234567',
		});
		expect(normalisePhoneNumber('03-1234567', 'sms')).toEqual({
			valid: false,
			input: '03-1234567',
			reason: 'an Israeli SMS recipient must be a mobile number (05X)',
		});
	});

	it.each([
		['054-12a4567', 'only digits, spaces, dashes, dots, brackets and a leading + are allowed'],
		['12345', 'too short for a phone number'],
		['0541234567890123', 'longer than the 15 digits a phone number can have'],
		['  ', 'the number is empty'],
	])('refuses %j: %s', (input, reason) => {
		const verdict = normalisePhoneNumber(input, 'sms');
		expect(verdict.valid).toBe(false);
		expect(verdict).toMatchObject({ reason });
	});

	it('splits text on commas, semicolons and new lines, and flattens arrays', () => {
		expect(splitRecipients('0541234567, 0521234567;0531234567\n0551234567')).toEqual([
			'0541234567',
			'0521234567',
			'0531234567',
			'0551234567',
		]);
		expect(splitRecipients(['0541234567', ['0521234567, 0531234567'], 972551234567])).toEqual([
			'0541234567',
			'0521234567',
			'0531234567',
			'972551234567',
		]);
	});

	it('drops repeats of the same number and lists invalid ones', () => {
		expect(normaliseRecipients('+972541234567, 054-1234567, 0521234567, abc', 'sms')).toEqual({
			numbers: ['0541234567', '0521234567'],
			invalid: [
				{
					input: 'abc',
					reason: 'only digits, spaces, dashes, dots, brackets and a leading + are allowed',
				},
			],
			duplicates: 1,
		});
	});
});
