/**
 * The one rule for SMSCenter's answer codes: which ones mean the request was carried out, and how a
 * message ID is read. Every operation and the credential's login check go through these two.
 */

/**
 * Whether SMSCenter carried out the request: exactly `OK` (pushsms.aspx's plain-text answer too: a
 * page that merely starts with "OK" is not it), or `SomeMessagesSent`, which means messages went
 * out to some of the recipients and so counts as sent.
 */
export function isAcceptedAnswer(code: string): boolean {
	return code === 'OK' || code === 'SomeMessagesSent';
}

/** A message ID as the gateway writes it; empty and `0` mean that no message was created. */
export function messageIdOrNull(raw: string): string | null {
	const id = raw.trim();
	return id === '' || id === '0' ? null : id;
}
