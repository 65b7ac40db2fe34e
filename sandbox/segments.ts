import { SegmentedMessage } from 'sms-segments-calculator';

/** Segments the gateway charges for one recipient of `text`. */
export function chargedSegments(text: string): number {
	return new SegmentedMessage(text).segmentsCount;
}

/** The first segment's worth of text, what goes out when chaining is off. */
export function firstSegmentText(text: string): string {
	const message = new SegmentedMessage(text);
	if (message.segmentsCount <= 1) return text;
	const limit = message.encodingName === 'GSM-7' ? 160 : 70;
	let out = '';
	for (const ch of text) {
		if (new SegmentedMessage(out + ch).segmentsCount > 1 || (out + ch).length > limit) break;
		out += ch;
	}
	return out;
}
