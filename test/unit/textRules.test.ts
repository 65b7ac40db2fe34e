import { measureText } from '../../nodes/SmsCenter/helpers/messageSegments';
import { checkSenderName } from '../../nodes/SmsCenter/helpers/senderName';
import { markAsAdvertising } from '../../nodes/SmsCenter/helpers/marketing';
import { messageTextProblem } from '../../nodes/SmsCenter/helpers/messageText';
import { splitEmails } from '../../nodes/SmsCenter/helpers/emailAddresses';

describe('message segments', () => {
	it.each([
		['a'.repeat(160), 'GSM-7', 160, 1],
		['a'.repeat(161), 'GSM-7', 161, 2],
		['a'.repeat(306), 'GSM-7', 306, 2],
		['a'.repeat(307), 'GSM-7', 307, 3],
		['€'.repeat(80), 'GSM-7', 160, 1],
		['€'.repeat(81), 'GSM-7', 162, 2],
		['א'.repeat(70), 'UCS-2', 70, 1],
		['א'.repeat(71), 'UCS-2', 71, 2],
		['א'.repeat(134), 'UCS-2', 134, 2],
		['א'.repeat(135), 'UCS-2', 135, 3],
		['😀'.repeat(35), 'UCS-2', 70, 1],
		['😀'.repeat(36), 'UCS-2', 72, 2],
	])('%#: %s chars -> %s, %d characters, %d segments', (text, encoding, characters, segments) => {
		expect(measureText(text)).toEqual({ encoding, characters, segments });
	});
});

describe('sender names', () => {
	it.each([
		'MyShop',
		'IAA Afcon',
		'geffenSMS',
		'0542071222',
		'123456789012345',
		'A1',
		'ElevenChars',
	])('accepts %j without a word', (sender) => {
		expect(checkSenderName(sender)).toEqual({});
	});
	it.each([
		['', 'the sender name is empty'],
		[
			'TwelveLetter',
			'"TwelveLetter" has 12 characters; a sender name carries at most 11 (3GPP TS 23.040)',
		],
		[
			'Shop €€€€€',
			'"Shop €€€€€" has 15 characters; a sender name carries at most 11 (3GPP TS 23.040)',
		],
		[
			'1234567890123456',
			'"1234567890123456" has 16 digits; a numeric sender has at most 15 (ITU-T E.164)',
		],
		[
			'שלום',
			'"שלום" has characters outside the GSM 7-bit alphabet, which an SMS sender name cannot carry (3GPP TS 23.038 and 23.040); use English letters, digits and spaces',
		],
	])('refuses %j, which certainly cannot be sent as it is', (sender, problem) => {
		expect(checkSenderName(sender)).toEqual({ problem });
	});
	it.each([
		[
			'My-Shop',
			'Sender Name "My-Shop" has characters other than English letters, digits and spaces; operators commonly accept only those, so SMSCenter may refuse it or the operator may change it.',
		],
		[
			'Dr.Cohen',
			'Sender Name "Dr.Cohen" has characters other than English letters, digits and spaces; operators commonly accept only those, so SMSCenter may refuse it or the operator may change it.',
		],
		[
			'054 207',
			'Sender Name "054 207" is neither a number nor a name with a letter; operators commonly refuse such senders.',
		],
	])('only warns about %j, leaving the last word to SMSCenter', (sender, warning) => {
		expect(checkSenderName(sender)).toEqual({ warning });
	});
});

describe('advertising messages', () => {
	it('starts with the required word and ends with the opt-out line', () => {
		expect(markAsAdvertising('Sale today', 'להסרה השב הסר')).toBe(
			'פרסומת: Sale today\nלהסרה השב הסר',
		);
	});
	it('does not mark a text twice', () => {
		const once = markAsAdvertising('Sale', 'STOP');
		expect(markAsAdvertising(once, 'STOP')).toBe(once);
	});
	it('makes the text UCS-2, counted in the segments', () => {
		expect(measureText(markAsAdvertising('a'.repeat(60), 'להסרה השב הסר')).encoding).toBe('UCS-2');
	});
});

describe('message text', () => {
	it('refuses empty and control characters, allows new lines and tabs', () => {
		expect(messageTextProblem('   ')).toBe('the message is empty');
		expect(messageTextProblem('a\u0007b')).toBe(
			'the message contains the control character U+0007 at position 2',
		);
		expect(messageTextProblem('line 1\r\nline\t2')).toBeUndefined();
		expect(messageTextProblem('bad \uD800 pair')).toBe(
			'the message contains a broken surrogate pair',
		);
	});
	it('splits e-mail lists', () => {
		expect(splitEmails('a@example.com, b@example.org;nope')).toEqual({
			emails: ['a@example.com', 'b@example.org'],
			invalid: ['nope'],
		});
	});
});
