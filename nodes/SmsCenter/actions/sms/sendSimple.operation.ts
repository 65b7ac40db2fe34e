import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { isLoginRefusal } from '../../../shared/transport/answerRules';
import type { GatewayParams, PushSmsSendAs } from '../../../shared/transport/requestBuilder';
import { forOperation } from '../../helpers/displayOptions';
import { readPushSmsAnswer } from '../../transport/answers';
import { requireAccepted } from '../../transport/errors';
import { advertisingOptions, messageField, optionsCollection, senderField } from '../common/fields';
import { inputError } from '../common/itemErrors';
import type { OperationRun } from '../node.type';
import { smsSummary } from './smsItem';

const properties: INodeProperties[] = [
	{
		displayName: 'Recipient',
		name: 'recipients',
		type: 'string',
		default: '',
		required: true,
		placeholder: '0541234567',
		description: 'One phone number: the simple URL API sends to one recipient per request',
	},
	messageField,
	senderField,
	optionsCollection([
		...advertisingOptions,
		{
			displayName: 'Send As',
			name: 'sendAs',
			type: 'options',
			options: [
				{
					name: 'POST Body',
					value: 'body',
					description: 'The parameters, login included, in a form body (recommended)',
				},
				{
					name: 'Query String (GET)',
					value: 'query',
					description:
						'The parameters in the URL, as the API document shows them. The API password then appears in URLs and in the logs of SMSCenter and of any proxy on the way.',
				},
			],
			default: 'body',
			description:
				'Where the simple URL API gets its parameters. Choose Query String only for a server that reads them from the URL alone: the API password then appears in URLs and in gateway and proxy logs.',
		},
	]),
];

export const description = forOperation('sms', 'sendSimple', properties);

/** Said in each item, since `messageId: null` alone says nothing. */
const NO_MESSAGE_ID =
	'The simple URL API returns no message ID, so delivery reports of this SMS cannot be matched to this send. Use the Send operation when you need them.';

/** pushsms.aspx: one recipient per request; chaining is turned on when the text needs more than one segment. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: OperationRun,
): Promise<IDataObject> {
	const options = run.reader.options(itemIndex);
	const sms = run.reader.recipientsAndText(itemIndex, options);
	if (sms.recipients.length !== 1) {
		throw inputError(
			this,
			itemIndex,
			'Recipient',
			`the simple URL API takes one recipient, got ${sms.recipients.length}`,
			'Use the Send operation for several recipients. Nothing was sent for this item.',
		);
	}
	const sender = run.reader.sender(itemIndex);
	const chaining = sms.measure.segments > 1;
	const sendAs: PushSmsSendAs = options.sendAs === 'query' ? 'query' : 'body';
	const params: GatewayParams = [
		['Sender', sender],
		['ToPhoneNumber', sms.recipients[0]],
		['Message', sms.text],
		['EnableChaining', chaining ? '1' : '0'],
	];
	await run.sends.once(run.sends.keyFor('pushsms.aspx', params), [itemIndex], async () => {
		const answer = await run.caller.pushSms(params, itemIndex, readPushSmsAnswer, sendAs);
		// A server that reads only the URL sees a POST body as no parameters at all, and answers as for a wrong login.
		const hint =
			sendAs === 'body' && isLoginRefusal(answer)
				? '. If the login is right, the server may read its parameters from the URL only: try Send As: Query String'
				: '';
		requireAccepted(
			this.getNode(),
			answer,
			itemIndex,
			`Sending item ${itemIndex + 1} through pushsms.aspx failed${hint}`,
			true,
		);
		return { code: answer, messageId: null };
	});
	return {
		status: 'OK',
		messageId: null,
		messageIdNote: NO_MESSAGE_ID,
		...smsSummary(sms),
		sender,
		enableChaining: chaining,
	};
}
