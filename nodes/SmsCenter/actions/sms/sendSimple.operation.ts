import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { forOperation } from '../../helpers/displayOptions';
import { gatewayAnswerError } from '../../transport/errors';
import { advertisingOptions, messageField, senderField, optionsCollection } from '../common/fields';
import { eachItem, inputError } from '../common/itemResults';
import { gatewayCaller } from '../common/settings';
import { SmsItemReader, smsSummary } from './smsInput';

const properties: INodeProperties[] = [
	{
		displayName: 'Recipient',
		name: 'recipients',
		type: 'string',
		default: '',
		required: true,
		placeholder: '0541234567',
		description: 'One phone number. The simple URL API sends to one recipient per request.',
	},
	messageField,
	senderField,
	optionsCollection([...advertisingOptions]),
];

export const description = forOperation('sms', 'sendSimple', properties);

/** pushsms.aspx: one recipient per request; chaining is turned on when the text needs more than one segment. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const caller = items.length > 0 ? await gatewayCaller(this) : undefined;
	const reader = new SmsItemReader(this);
	return await eachItem(this, items, async (itemIndex) => {
		const options = reader.options(itemIndex);
		const sms = reader.recipientsAndText(itemIndex, options);
		if (sms.recipients.length !== 1) {
			throw inputError(this, itemIndex, 'Recipient', `the simple URL API takes one recipient, got ${sms.recipients.length}`, 'Use the Send operation for several recipients. Nothing was sent for this item.');
		}
		const sender = reader.sender(itemIndex);
		const chaining = sms.measure.segments > 1;
		const answer = await (caller as NonNullable<typeof caller>).pushSms(
			[
				['Sender', sender],
				['ToPhoneNumber', sms.recipients[0]],
				['Message', sms.text],
				['EnableChaining', chaining ? '1' : '0'],
			],
			itemIndex,
		);
		if (answer !== 'OK' && !answer.startsWith('OK')) {
			throw gatewayAnswerError(this.getNode(), answer, itemIndex, `Sending item ${itemIndex + 1} through pushsms.aspx failed`);
		}
		return { status: 'OK', messageId: null, ...smsSummary(sms), sender, enableChaining: chaining };
	});
}
