/**
 * How the gateway reads a recipient number: the document's formats (+972541234567, 054-1234567,
 * 0541234567) and plain 972 digits. Spaces and other punctuation are not accepted.
 */
export type NumberVerdict = { msisdn: string; international: boolean } | { invalid: true };

export function readGatewayNumber(raw: string, kind: 'sms' | 'ivr'): NumberVerdict {
	const compact = raw.trim().replace(/-/g, '');
	const israeli = /^(?:\+?972|0)(\d{8,9})$/.exec(compact);
	if (israeli) {
		const national = israeli[1];
		const pattern = kind === 'sms' ? /^5\d{8}$/ : /^[2-9]\d{7,8}$/;
		return pattern.test(national)
			? { msisdn: `972${national}`, international: false }
			: { invalid: true };
	}
	const foreign = /^\+?([1-9]\d{7,14})$/.exec(compact);
	if (foreign && !foreign[1].startsWith('972')) {
		return { msisdn: foreign[1], international: true };
	}
	return { invalid: true };
}

export function splitNumberList(list: string): string[] {
	return list
		.split(',')
		.map((part) => part.trim())
		.filter((part) => part.length > 0);
}
