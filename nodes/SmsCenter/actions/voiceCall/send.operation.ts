import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { forOperation } from '../../helpers/displayOptions';
import { digitsProblem } from '../../helpers/numbers';
import { readMessageIdAnswer } from '../../transport/answers';
import { gatewayAnswerError } from '../../transport/errors';
import { messageField, recipientsField, senderField, optionsCollection } from '../common/fields';
import { eachItem, inputError } from '../common/itemResults';
import { gatewayCaller } from '../common/settings';
import { readDelay, readMinutes, SmsItemReader } from '../sms/smsInput';

const properties: INodeProperties[] = [
	{
		displayName: 'Record ID',
		name: 'recordId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '101',
		description: 'The code of the recorded voice message (RecordID) in SMSCenter',
	},
	{ ...recipientsField, description: 'Phone numbers to call (mobile or landline), separated by commas, semicolons or new lines, or an array from an expression' },
	{ ...messageField, description: 'The text SMSCenter keeps with the call' },
	senderField,
	optionsCollection([
		{
			displayName: 'Delay (Minutes)',
			name: 'delayMinutes',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'Minutes SMSCenter waits before calling. 0 calls now.',
		},
		{
			displayName: 'Expiration (Minutes)',
			name: 'expirationMinutes',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'Minutes after which SMSCenter stops trying to call',
		},
		{
			displayName: 'Send At',
			name: 'sendAt',
			type: 'dateTime',
			default: '',
			description: "When SMSCenter should call, in the workflow's time zone",
		},
	]),
];

export const description = forOperation('voiceCall', 'send', properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const caller = items.length > 0 ? await gatewayCaller(this) : undefined;
	const reader = new SmsItemReader(this);
	return await eachItem(this, items, async (itemIndex) => {
		const options = reader.options(itemIndex);
		const recordId = this.getNodeParameter('recordId', itemIndex, '') as unknown;
		const recordProblem = digitsProblem(recordId);
		if (recordProblem) throw inputError(this, itemIndex, 'Record ID', recordProblem);
		const call = reader.recipientsAndText(itemIndex, options, 'voice');
		const sender = reader.sender(itemIndex);
		const delay = readDelay(this, itemIndex, options);
		const expiration = readMinutes(this, itemIndex, options, 'expirationMinutes', 'Expiration (Minutes)');
		const answer = readMessageIdAnswer(
			await (caller as NonNullable<typeof caller>).asmx(
				'SendIVRMessages',
				[
					['SenderName', sender],
					['RecordID', String(recordId).trim()],
					['SendToPhoneNumbers', call.recipients.join(',')],
					['Message', call.text],
					['DeliveryDelayInMinutes', String(delay)],
					['ExpirationDelayInMinutes', String(expiration)],
				],
				itemIndex,
			),
		);
		if (answer.response !== 'OK' && answer.response !== 'SomeMessagesSent') {
			throw gatewayAnswerError(this.getNode(), answer.response, itemIndex, `Starting the voice call of item ${itemIndex + 1} failed`);
		}
		return {
			status: answer.response,
			messageId: answer.messageId === '' || answer.messageId === '0' ? null : answer.messageId,
			recordId: String(recordId).trim(),
			recipients: call.recipients,
			recipientCount: call.recipients.length,
		};
	});
}
