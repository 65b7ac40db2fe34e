import type { INodeProperties } from 'n8n-workflow';
import { DEFAULT_OPT_OUT_LINE } from '../../helpers/marketing';

export const recipientsField: INodeProperties = {
	displayName: 'Recipients',
	name: 'recipients',
	type: 'string',
	default: '',
	required: true,
	placeholder: '0541234567, +972521234567',
	description:
		'One or more phone numbers, separated by commas, semicolons or new lines, or an array from an expression. Israeli numbers in any common form (+972541234567, 054-1234567, 0541234567) are normalised before sending.',
};

export const messageField: INodeProperties = {
	displayName: 'Message',
	name: 'message',
	type: 'string',
	typeOptions: { rows: 4 },
	default: '',
	required: true,
	description: 'The text to send. Hebrew or emoji make it UCS-2 (70 characters per SMS, 67 per part of a longer one).',
};

export const senderField: INodeProperties = {
	displayName: 'Sender Name',
	name: 'senderName',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'MyShop',
	description: 'Up to 11 English letters, digits and spaces with at least one letter, or a phone number of up to 15 digits',
};

export const advertisingOptions: INodeProperties[] = [
	{
		displayName: 'Advertising Message',
		name: 'advertising',
		type: 'boolean',
		default: false,
		description:
			'Whether this is an advertising message under Israel\'s Communications Law (section 30A): starts the text with the word "פרסומת" and ends it with the opt-out line. Counted in the segments.',
	},
	{
		displayName: 'Opt-Out Line',
		name: 'optOutLine',
		type: 'string',
		default: DEFAULT_OPT_OUT_LINE,
		description: 'The line appended to advertising messages that tells recipients how to refuse further messages',
	},
];

/** The Options collection of an operation. */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options };
}

/** When the gateway should act, as SMS and voice calls both offer it. */
export interface TimingFields {
	delay: INodeProperties;
	expiration: INodeProperties;
	sendAt: INodeProperties;
}

/**
 * The expiration sent when the user sets none: a day after the delay. The API document does not say
 * what `ExpirationDelayInMinutes=0` means (no expiry, or expire at once), nor whether the minutes
 * count from the request or from the delayed send, so the default is a positive number of minutes
 * that is right under every reading.
 */
export const DEFAULT_EXPIRATION_MINUTES = 1440;

/** Delay, Expiration and Send At, worded for sending an SMS or placing a call. */
export function timingFields(kind: 'sms' | 'voice'): TimingFields {
	const [doing, act, reach] = kind === 'sms' ? ['sending', 'send', 'deliver'] : ['calling', 'call', 'call'];
	return {
		delay: {
			displayName: 'Delay (Minutes)',
			name: 'delayMinutes',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: `Minutes SMSCenter waits before ${doing}. 0 ${act}s now.`,
		},
		expiration: {
			displayName: 'Expiration (Minutes)',
			name: 'expirationMinutes',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: DEFAULT_EXPIRATION_MINUTES,
			description: `Minutes after which SMSCenter stops trying to ${reach}. Left out, the delay plus ${DEFAULT_EXPIRATION_MINUTES} (a day) is sent, right whether SMSCenter counts from the request or from the delayed send. 0 is sent only when entered here: the API document does not say whether it means "never expire" or "expire at once".`,
		},
		sendAt: {
			displayName: 'Send At',
			name: 'sendAt',
			type: 'dateTime',
			default: '',
			description: `When SMSCenter should ${act}, in the workflow's time zone. Converted to a delay in minutes.`,
		},
	};
}
