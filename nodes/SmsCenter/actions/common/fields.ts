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
	description:
		'The text to send. One SMS holds 160 English characters (153 per part of a longer message); Hebrew letters or emoji make it 70 (67 per part).',
};

export const senderField: INodeProperties = {
	displayName: 'Sender Name',
	name: 'senderName',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'MyShop',
	description:
		'Up to 11 English letters, digits and spaces with at least one letter, or a phone number of up to 15 digits',
};

export const advertisingOptions: INodeProperties[] = [
	{
		displayName: 'Advertising Message',
		name: 'advertising',
		type: 'boolean',
		default: false,
		description:
			'Whether this is an advertising message under Israel\'s Communications Law (section 30A): the text then starts with the word "פרסומת" and ends with the opt-out line, both counted in its length',
	},
	{
		displayName: 'Opt-Out Line',
		name: 'optOutLine',
		type: 'string',
		default: DEFAULT_OPT_OUT_LINE,
		displayOptions: { show: { advertising: [true] } },
		description:
			'The last line of an advertising message, telling recipients how to refuse further messages',
	},
];

/** The Options collection of an operation. */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}

/** Node versions from 1.1 on: one Schedule choice instead of Delay and Send At in the Options. */
export const FROM_VERSION_1_1 = { '@version': [{ _cnd: { gte: 1.1 } }] };
/** Version 1 keeps Delay and Send At in the Options, so workflows saved with them behave as before. */
export const VERSION_1 = { '@version': [1] };

function wording(kind: 'sms' | 'voice') {
	return kind === 'sms'
		? { doing: 'sending', act: 'send', acts: 'sends', reach: 'deliver' }
		: { doing: 'calling', act: 'call', acts: 'calls', reach: 'call' };
}

/**
 * The expiration sent when the user sets none: a day after the delay. The API document does not say
 * what `ExpirationDelayInMinutes=0` means (no expiry, or expire at once), nor whether the minutes
 * count from the request or from the delayed send, so the default is a positive number of minutes
 * that is right under every reading.
 */
export const DEFAULT_EXPIRATION_MINUTES = 1440;

/** When the gateway should act, as SMS and voice calls both offer it. */
export interface TimingFields {
	/** Schedule, Delay (Minutes) and Send At, shown in the node from version 1.1 on. */
	schedule: INodeProperties[];
	/** Delay (Minutes) and Send At in the Options of version 1 nodes. */
	legacyDelay: INodeProperties;
	legacySendAt: INodeProperties;
	expiration: INodeProperties;
}

/** The timing fields, worded for sending an SMS or placing a call. */
export function timingFields(kind: 'sms' | 'voice'): TimingFields {
	const { doing, act, acts, reach } = wording(kind);
	const sendAtDescription = `When SMSCenter should ${act}, in the workflow's time zone (workflow Settings, Timezone); at most a year ahead`;
	return {
		schedule: [
			{
				displayName: 'Schedule',
				name: 'schedule',
				type: 'options',
				options: [
					{ name: 'Now', value: 'now', description: `SMSCenter ${acts} at once` },
					{
						name: 'After a Delay',
						value: 'delay',
						description: `SMSCenter waits a number of minutes before ${doing}`,
					},
					{ name: 'At a Time', value: 'at', description: `SMSCenter ${acts} at a date and time` },
				],
				default: 'now',
				displayOptions: { show: FROM_VERSION_1_1 },
			},
			{
				displayName: 'Delay (Minutes)',
				name: 'delayMinutes',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 60,
				displayOptions: { show: { ...FROM_VERSION_1_1, schedule: ['delay'] } },
				description: `Minutes SMSCenter waits before ${doing}; at most a year`,
			},
			{
				displayName: 'Send At',
				name: 'sendAt',
				type: 'dateTime',
				default: '',
				// Not marked required: n8n would then refuse every run whose Schedule is an expression.
				// An empty Send At fails its own item instead.
				displayOptions: { show: { ...FROM_VERSION_1_1, schedule: ['at'] } },
				description: sendAtDescription,
			},
		],
		legacyDelay: {
			displayName: 'Delay (Minutes)',
			name: 'delayMinutes',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			displayOptions: { show: VERSION_1 },
			description: `Minutes SMSCenter waits before ${doing}. 0 ${acts} now.`,
		},
		legacySendAt: {
			displayName: 'Send At',
			name: 'sendAt',
			type: 'dateTime',
			default: '',
			displayOptions: { show: VERSION_1 },
			description: sendAtDescription,
		},
		expiration: {
			displayName: 'Expiration (Minutes)',
			name: 'expirationMinutes',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: DEFAULT_EXPIRATION_MINUTES,
			description: `Minutes after which SMSCenter stops trying to ${reach}. Without this option: the delay plus ${DEFAULT_EXPIRATION_MINUTES} (a day). Avoid 0: SMSCenter may read it as "never expire" or as "expire at once".`,
		},
	};
}
