import { SegmentedMessage } from '../../shared/vendor';

export interface TextMeasure {
	encoding: 'GSM-7' | 'UCS-2';
	/** GSM-7 septets (extension characters count twice) or UTF-16 units (emoji count twice). */
	characters: number;
	segments: number;
}

/**
 * Characters of the GSM 03.38 basic table that take one septet each (its extension characters such as
 * `[`, `{` and `€` take two, and are left to the full path).
 */
const PLAIN_GSM7 =
	/^[\n\r !"#$%&'()*+,\-./0-9:;<=>?@A-Z_a-z£¥èéùìòÇØøÅåΔΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà]+$/;

/** Encoding and segment count of an SMS text: 160/153 for GSM-7, 70/67 for UCS-2. */
export function measureText(text: string): TextMeasure {
	// Fast path: plain GSM-7 text is one septet per character; `measureFully` agrees (property-tested).
	if (PLAIN_GSM7.test(text)) {
		const characters = text.length;
		return {
			encoding: 'GSM-7',
			characters,
			segments: characters <= 160 ? 1 : Math.ceil(characters / 153),
		};
	}
	return measureFully(text);
}

/** The full path: grapheme by grapheme, with sms-segments-calculator. */
export function measureFully(text: string): TextMeasure {
	const message = new SegmentedMessage(text);
	const encoding = message.encodingName === 'GSM-7' ? 'GSM-7' : 'UCS-2';
	return {
		encoding,
		characters: encoding === 'GSM-7' ? message.numberOfCharacters : text.length,
		segments: message.segmentsCount,
	};
}

/** Measures texts, remembering each distinct text's result (a broadcast repeats one text thousands of times). */
export class TextMeasurer {
	private readonly known = new Map<string, TextMeasure>();

	constructor(private readonly limit = 1000) {}

	measure(text: string): TextMeasure {
		const known = this.known.get(text);
		if (known) return known;
		const measured = measureText(text);
		if (this.known.size < this.limit) this.known.set(text, measured);
		return measured;
	}
}
