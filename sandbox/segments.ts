/**
 * The sandbox's own SMS segment counter, written from 3GPP TS 23.038 (GSM 7-bit default alphabet and its
 * extension table) and TS 23.040 (concatenation headers). The nodes count with a library; the sandbox
 * counts with this, so a counting mistake on either side shows up as a disagreement in the tests.
 */

/** The GSM 7-bit default alphabet, code 0x00 to 0x7F (0x1B is the escape to the extension table). */
const BASIC =
	'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
	'¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** The extension table: each character costs the escape septet plus its own. */
const EXTENSION = '\f^{}\\[~]|€';

const BASIC_SET = new Set(BASIC.replace('\u001B', ''));
const EXTENSION_SET = new Set(EXTENSION);

export type SmsEncoding = 'GSM-7' | 'UCS-2';

/** One unit that may not be split across segments, with its size in septets (GSM-7) or UTF-16 code units (UCS-2). */
interface Piece {
	text: string;
	size: number;
}

export interface SegmentCount {
	encoding: SmsEncoding;
	/** Septets (GSM-7) or UTF-16 code units (UCS-2) of the whole text. */
	units: number;
	segments: number;
	/** The text of each segment, in order. */
	parts: string[];
}

/** Single-message capacity and per-part capacity once a concatenation header (6 octets) is added. */
const CAPACITY: Record<SmsEncoding, { single: number; part: number }> = {
	'GSM-7': { single: 160, part: 153 },
	'UCS-2': { single: 70, part: 67 },
};

export function isGsm7(text: string): boolean {
	for (const ch of text) if (!BASIC_SET.has(ch) && !EXTENSION_SET.has(ch)) return false;
	return true;
}

function pieces(text: string, encoding: SmsEncoding): Piece[] {
	const out: Piece[] = [];
	// Iterating a string yields code points: a surrogate pair stays one piece and is never split.
	for (const ch of text)
		out.push({
			text: ch,
			size: encoding === 'GSM-7' ? (EXTENSION_SET.has(ch) ? 2 : 1) : ch.length,
		});
	return out;
}

/** Counts the segments of `text` as an SMSC does: GSM-7 when every character is in the two tables, else UCS-2. */
export function countSegments(text: string): SegmentCount {
	const encoding: SmsEncoding = isGsm7(text) ? 'GSM-7' : 'UCS-2';
	const all = pieces(text, encoding);
	const units = all.reduce((sum, piece) => sum + piece.size, 0);
	const { single, part } = CAPACITY[encoding];
	if (units <= single) return { encoding, units, segments: 1, parts: [text] };
	const parts: string[] = [];
	let current = '';
	let used = 0;
	for (const piece of all) {
		if (used + piece.size > part) {
			parts.push(current);
			current = '';
			used = 0;
		}
		current += piece.text;
		used += piece.size;
	}
	parts.push(current);
	return { encoding, units, segments: parts.length, parts };
}

/** Segments the gateway charges for one recipient of `text`. */
export function chargedSegments(text: string): number {
	return countSegments(text).segments;
}

/** The first segment's worth of text, what goes out when chaining is off. */
export function firstSegmentText(text: string): string {
	const count = countSegments(text);
	if (count.segments === 1) return text;
	const { single } = CAPACITY[count.encoding];
	let out = '';
	let used = 0;
	for (const piece of pieces(text, count.encoding)) {
		if (used + piece.size > single) break;
		out += piece.text;
		used += piece.size;
	}
	return out;
}
