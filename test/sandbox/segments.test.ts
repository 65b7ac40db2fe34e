import { SegmentedMessage } from 'sms-segments-calculator';
import { countSegments, firstSegmentText, isGsm7 } from '../../sandbox/segments';

/**
 * The sandbox's own counter (3GPP TS 23.038 tables) against sms-segments-calculator, the library the
 * nodes count with. Each row also states the figure worked out by hand from the specification, so a
 * mistake shared by both counters still fails.
 */
const HEBREW = 'שלום';
const CASES: Array<
	[label: string, text: string, encoding: 'GSM-7' | 'UCS-2', units: number, segments: number]
> = [
	['empty', '', 'GSM-7', 0, 1],
	['plain ASCII', 'Hello', 'GSM-7', 5, 1],
	['160 GSM-7 characters', 'a'.repeat(160), 'GSM-7', 160, 1],
	['161 GSM-7 characters', 'a'.repeat(161), 'GSM-7', 161, 2],
	['306 GSM-7 characters: exactly two parts of 153', 'a'.repeat(306), 'GSM-7', 306, 2],
	['307 GSM-7 characters', 'a'.repeat(307), 'GSM-7', 307, 3],
	['80 euro signs: 160 septets', '€'.repeat(80), 'GSM-7', 160, 1],
	['81 euro signs: 162 septets', '€'.repeat(81), 'GSM-7', 162, 2],
	['every extension character', '\f^{}\\[~]|€', 'GSM-7', 20, 1],
	[
		'an extension character is never split at 153',
		`${'a'.repeat(152)}€${'a'.repeat(152)}`,
		'GSM-7',
		306,
		3,
	],
	['159 characters and one extension character', `${'a'.repeat(159)}[`, 'GSM-7', 161, 2],
	['the accented letters of the basic table', 'èéùìòÇØøÅåÆæßÉÄÖÑÜäöñüà¡¿§¤£¥', 'GSM-7', 29, 1],
	['Greek capitals of the basic table', 'ΔΦΓΛΩΠΨΣΘΞ', 'GSM-7', 10, 1],
	['line breaks (LF, CRLF)', 'a\nb\r\nc', 'GSM-7', 6, 1],
	['a lowercase c-cedilla is not in the basic table', 'ç', 'UCS-2', 1, 1],
	['a backtick is not in either table', '`', 'UCS-2', 1, 1],
	['Hebrew', HEBREW, 'UCS-2', 4, 1],
	['70 Hebrew letters', 'א'.repeat(70), 'UCS-2', 70, 1],
	['71 Hebrew letters', 'א'.repeat(71), 'UCS-2', 71, 2],
	['134 Hebrew letters: exactly two parts of 67', 'א'.repeat(134), 'UCS-2', 134, 2],
	['135 Hebrew letters', 'א'.repeat(135), 'UCS-2', 135, 3],
	['Hebrew with one GSM-7 only character', `${HEBREW} €`, 'UCS-2', 6, 1],
	['35 emoji: 70 code units', '😀'.repeat(35), 'UCS-2', 70, 1],
	['36 emoji', '😀'.repeat(36), 'UCS-2', 72, 2],
	['an emoji is never split at 67', `${'א'.repeat(66)}😀${'א'.repeat(66)}`, 'UCS-2', 134, 3],
	['69 code units then an emoji', `${'א'.repeat(69)}😀`, 'UCS-2', 71, 2],
	['English with one emoji', 'Your order shipped 😀', 'UCS-2', 21, 1],
	['a decomposed accent', 'e\u0301', 'UCS-2', 2, 1],
];

describe('the sandbox segment counter', () => {
	it.each(CASES)('%s', (_label, text, encoding, units, segments) => {
		const own = countSegments(text);
		expect([own.encoding, own.units, own.segments]).toEqual([encoding, units, segments]);
		const library = new SegmentedMessage(text);
		expect([library.encodingName, library.segmentsCount]).toEqual([encoding, segments]);
		expect(own.parts.join('')).toBe(text);
	});

	it('keeps every part within 153 septets or 67 code units', () => {
		for (const [, text] of CASES) {
			const count = countSegments(text);
			if (count.segments === 1) continue;
			const limit = count.encoding === 'GSM-7' ? 153 : 67;
			for (const part of count.parts) expect(countSegments(part).units).toBeLessThanOrEqual(limit);
		}
	});

	it('cuts a text without chaining to the first segment, never inside a character', () => {
		expect(firstSegmentText('a'.repeat(200))).toBe('a'.repeat(160));
		expect(firstSegmentText(`${'a'.repeat(159)}€x`)).toBe('a'.repeat(159));
		expect(firstSegmentText(`${'א'.repeat(69)}😀`)).toBe('א'.repeat(69));
		expect(firstSegmentText('short')).toBe('short');
	});

	it('knows which texts are GSM-7', () => {
		expect(isGsm7('Hello [world] {ok} ~ | € ^ \\')).toBe(true);
		expect(isGsm7('Hello `world`')).toBe(false);
		expect(isGsm7(HEBREW)).toBe(false);
	});
});
