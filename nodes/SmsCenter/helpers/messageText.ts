import { xmlTextProblem } from '../../shared/xmlCharacters';

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
	const problem = xmlTextProblem(text);
	return problem === undefined ? undefined : `the message ${problem}`;
}
