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

export const connectionOptions: INodeProperties = {
	displayName: 'Connection',
	name: 'connection',
	type: 'collection',
	placeholder: 'Add Connection Setting',
	default: {},
	options: [
		{
			displayName: 'Protocol',
			name: 'protocol',
			type: 'options',
			options: [
				{ name: 'As in the Credential', value: 'credential' },
				{ name: 'HTTP POST Form', value: 'httpPost' },
				{ name: 'SOAP 1.1', value: 'soap11' },
			],
			default: 'credential',
			description: 'How to call the SMSCenter web services',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 30,
			description: 'How long to wait for SMSCenter to answer a request',
		},
		{
			displayName: 'Read Attempts',
			name: 'readAttempts',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 3,
			description: 'How many times to try a read (balances, responses) on timeouts and server errors. Sends are never repeated automatically, so a message is never sent twice.',
		},
		{
			displayName: 'Retry Wait (Milliseconds)',
			name: 'backoffMs',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 500,
			description: 'The wait before the second attempt of a read; it doubles before each further attempt',
		},
	],
};

/** The Options collection of an operation. */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options };
}
