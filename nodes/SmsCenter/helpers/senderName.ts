import { measureText } from './messageSegments';

/**
 * Sender name rules. The API document states only that the sender cannot be empty; the rest comes
 * from the SMS standards (what an SMS can carry as its originator) and from the operators' practice
 * seen on the wire. A rule that certainly makes the send fail or show another sender refuses the
 * item; a rule of practice only warns, and SMSCenter has the last word.
 */
export interface SenderVerdict {
	/** Why the name cannot be sent; nothing is sent for the item. */
	problem?: string;
	/** Why an operator may refuse the name; the item is sent and the user is told. */
	warning?: string;
}

/** The longest numeric sender: an international number has at most 15 digits (ITU-T E.164). */
export const MAX_NUMERIC_SENDER = 15;
/** The longest alphanumeric sender: the originating address carries at most 11 GSM 7-bit characters (3GPP TS 23.040, TP-OA). */
export const MAX_ALPHANUMERIC_SENDER = 11;

export function checkSenderName(sender: string): SenderVerdict {
	// The document: pushsms.aspx answers "The Sender cannot be empty."
	if (sender.trim() === '') return { problem: 'the sender name is empty' };
	if (/^\d+$/.test(sender)) {
		return sender.length <= MAX_NUMERIC_SENDER
			? {}
			: {
					problem: `"${sender}" has ${sender.length} digits; a numeric sender has at most ${MAX_NUMERIC_SENDER} (ITU-T E.164)`,
				};
	}
	const measure = measureText(sender);
	if (measure.encoding !== 'GSM-7') {
		return {
			problem: `"${sender}" has characters outside the GSM 7-bit alphabet, which an SMS sender name cannot carry (3GPP TS 23.038 and 23.040); use English letters, digits and spaces`,
		};
	}
	if (measure.characters > MAX_ALPHANUMERIC_SENDER) {
		return {
			problem: `"${sender}" has ${measure.characters} characters; a sender name carries at most ${MAX_ALPHANUMERIC_SENDER} (3GPP TS 23.040)`,
		};
	}
	// Operators' practice (wire facts): letters, digits and spaces, with at least one letter.
	if (!/^[A-Za-z0-9 ]+$/.test(sender)) {
		return {
			warning: `Sender Name "${sender}" has characters other than English letters, digits and spaces; operators commonly accept only those, so SMSCenter may refuse it or the operator may change it.`,
		};
	}
	if (!/[A-Za-z]/.test(sender)) {
		return {
			warning: `Sender Name "${sender}" is neither a number nor a name with a letter; operators commonly refuse such senders.`,
		};
	}
	return {};
}
