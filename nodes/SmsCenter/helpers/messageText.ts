/** Characters XML 1.0 cannot carry and handsets do not show; tab, CR and LF are allowed. */
function isControlCharacter(code: number): boolean {
	return (
		(code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) ||
		code === 0x7f ||
		code === 0xfffe ||
		code === 0xffff
	);
}

function firstControlCharacter(text: string): number {
	for (let index = 0; index < text.length; index++) {
		if (isControlCharacter(text.charCodeAt(index))) return index;
	}
	return -1;
}

/**
 * Above this many segments the user is warned: operators commonly cut concatenated messages at
 * about ten parts, though the API document states no limit (operators' limits; SMSCenter has the
 * last word).
 */
export const SEGMENT_WARNING = 10;

/** A concatenated SMS numbers its parts in one octet: at most 255 parts (3GPP TS 23.040, concatenation UDH). */
export const MAX_SEGMENTS = 255;

/** The most characters 255 parts can carry (153 GSM 7-bit characters each); a longer text is refused before it is measured. */
export const MAX_CHARACTERS = MAX_SEGMENTS * 153;

/**
 * Returns why a message text cannot be sent, or undefined. Each rule certainly makes the send fail:
 * an empty text (the document: "The message cannot be empty."), characters XML 1.0 cannot carry in
 * a SOAP envelope (and that handsets do not show), and halves of surrogate pairs, which UTF-8 cannot
 * encode.
 */
export function messageTextProblem(text: string): string | undefined {
	if (text.trim() === '') return 'the message is empty';
	const at = firstControlCharacter(text);
	if (at >= 0)
		return `the message contains the control character U+${text.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0')} at position ${at + 1}`;
	if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text))
		return 'the message contains a broken surrogate pair';
	return undefined;
}
