/**
 * The one rule for SMSCenter's answer codes: which ones mean the request was carried out, which
 * ones mean the login itself cannot work, and how a message ID is read. Every operation and the
 * credential's login check go through these.
 */

/**
 * Whether SMSCenter carried out the request: exactly `OK` (pushsms.aspx's plain-text answer too: a
 * page that merely starts with "OK" is not it), or `SomeMessagesSent`, which means messages went
 * out to some of the recipients and so counts as sent.
 */
export function isAcceptedAnswer(code: string): boolean {
	return code === 'OK' || code === 'SomeMessagesSent';
}

/**
 * Whether SMSCenter carried out a send only in part: `SomeMessagesSent` (the SMS Status and IVR
 * Login Status tables) means that messages went out to some recipients of the request only.
 */
export function isPartialAnswer(code: string): boolean {
	return code.trim() === 'SomeMessagesSent';
}

/**
 * Answers that say the login itself cannot work, whatever the request: a wrong user name or
 * password, an IP address the account does not allow, a disabled user or company. Source: the
 * API document's tables (SMS Status, IVR Login Status and the HTTP API's Server Response, which
 * spells them as sentences) and the `SendMessageReturnValues` enumeration of the live WSDL (wire
 * facts). Every other answer (a method the user may not call, a company that is not prepaid) leaves
 * the login usable for what it is allowed to do.
 */
const LOGIN_REFUSALS = new Set([
	'InvalidUserNameOrPassword',
	'Invalid Username or Password.',
	'InvalidIPAddress',
	'CompanyIsDisabled',
	'Company is Disabled.',
	'UserIsDisabledOrDeleted',
	'User is disabled or deleted.',
]);

export function isLoginRefusal(code: string): boolean {
	return LOGIN_REFUSALS.has(code.trim());
}

/**
 * A message ID as the gateway writes it (typed String in the document's table, `long` in its
 * example); empty, `0` and negative numbers such as `-1` mean that no message was created.
 */
export function messageIdOrNull(raw: string): string | null {
	const id = raw.trim();
	return id === '' || /^-\d+$/.test(id) || /^0+$/.test(id) ? null : id;
}
