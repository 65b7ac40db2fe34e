import { codeTable, lookUpCode } from './codeTable';

/** What the gateway's answer codes mean and what a user should do about them. */
export interface CodeMeaning {
	meaning: string;
	action?: string;
}

const ASK_SUPPORT = 'Contact SMSCenter support.';

/** `SendMessageReturnValues`, the IVR login status, the prepaid results and pushsms.aspx's plain-text answers. */
export const ANSWER_CODES: Readonly<Record<string, CodeMeaning>> = codeTable({
	OK: { meaning: 'Message queued for delivery.' },
	InvalidUserNameOrPassword: {
		meaning: 'Invalid username or password.',
		action:
			'Check the credential: the password is the encrypted API password issued by SMSCenter support, not the web-site password.',
	},
	CompanyNotAllowedToSendToSpecifiedProvider: {
		meaning: 'The company has no permission to send to this operator, or the operator is unknown.',
		action: `Check the recipients, or ask SMSCenter support to open the route. ${ASK_SUPPORT}`,
	},
	SomeMessagesSent: {
		meaning: 'Only some of the messages were sent; some recipients were refused.',
		action: 'Check the recipients that were not sent.',
	},
	NoMessagesSent: {
		meaning: 'No message was sent.',
		action: 'Check the sender name, the recipients and the prepaid balance.',
	},
	InternalError: {
		meaning: 'The gateway had an internal error.',
		action: `Try again later. ${ASK_SUPPORT}`,
	},
	InvalidPhoneNumber: {
		meaning: 'A recipient phone number is invalid.',
		action: 'Use numbers such as 0541234567 or +972541234567.',
	},
	ThePhoneNumberListMustContainAtLeastOneNumber: {
		meaning: 'The recipient list is empty.',
		action: 'Give at least one recipient.',
	},
	ThePhoneNumberListAndTheCCListMustHaveTheSameNumberOfItems: {
		meaning: 'The phone number list and the CC list must have the same number of items.',
		action:
			'The node sends each CC address with one recipient; if this still appears, leave CC E-Mail Addresses empty and send the copies with an e-mail node.',
	},
	CompanyIsDisabled: { meaning: 'The company is disabled.', action: ASK_SUPPORT },
	UserIsDisabledOrDeleted: {
		meaning: 'The user is disabled or has been deleted.',
		action: 'Ask your SMSCenter administrator to enable the user.',
	},
	CompanyIsNotAllowedToPushAnymoreMessages: {
		meaning:
			'The company may not send more messages by any means other than the SMSCenter web site.',
		action: ASK_SUPPORT,
	},
	InvalidIPAddress: {
		meaning: 'The request came from an IP address the account does not allow.',
		action: "Ask SMSCenter support to allow the n8n server's public IP address.",
	},
	CompanyIsNotAllowedToSendReverseBillingMessages: {
		meaning: 'The company is not enabled for reverse billing messages.',
		action: `Ask SMSCenter support to enable reverse billing. ${ASK_SUPPORT}`,
	},
	PriceForReverseBillingCantBeZero: {
		meaning: 'A reverse billing message needs a price above zero.',
		action: 'Set the price option.',
	},
	MessageCanNotBeEmpty: { meaning: 'The message cannot be empty.', action: 'Give a message text.' },
	RecordIsNotAllowed: {
		meaning: 'The recorded message (RecordID) is not allowed for this account.',
		action: 'Check the record ID in SMSCenter.',
	},
	'Company is not allowed to push more IVR messages through URL or MAIL': {
		meaning:
			'The company may not send more voice messages other than through the SMSCenter web site.',
		action: ASK_SUPPORT,
	},
	'Invalid Username or Password.': {
		meaning: 'Invalid username or password.',
		action: 'Check the credential: use the encrypted API password.',
	},
	'The message cannot be empty.': {
		meaning: 'The message cannot be empty.',
		action: 'Give a message text.',
	},
	'The Sender cannot be empty.': {
		meaning: 'The sender cannot be empty.',
		action: 'Give a sender name.',
	},
	'The Recipient Phone Number cannot be empty': {
		meaning: 'The recipient phone number cannot be empty.',
		action: 'Give a recipient.',
	},
	'Company Has No Permission To Send to the specified Operator.': {
		meaning: 'The company has no permission to send to this operator, or the operator is unknown.',
		action: ASK_SUPPORT,
	},
	'Company is Disabled.': { meaning: 'The company is disabled.', action: ASK_SUPPORT },
	'User is disabled or deleted.': {
		meaning: 'The user is disabled or has been deleted.',
		action: 'Ask your SMSCenter administrator to enable the user.',
	},
	'Company is not allowed to push more messages through URL or MAIL': {
		meaning: 'The company may not send more messages other than through the SMSCenter web site.',
		action: ASK_SUPPORT,
	},
});

/** Whether the gateway documents this answer (only the table's own entries count, never `constructor` or `__proto__`). */
export function isKnownAnswer(code: string): boolean {
	return lookUpCode(ANSWER_CODES, code) !== undefined;
}

export function describeAnswer(code: string): CodeMeaning {
	return (
		lookUpCode(ANSWER_CODES, code) ?? {
			meaning: 'SMSCenter answered with a code this node does not know.',
			action: ASK_SUPPORT,
		}
	);
}
