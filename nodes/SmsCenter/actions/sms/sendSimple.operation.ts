import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { GatewayParams } from '../../../shared/transport/requestBuilder';
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
		description: 'One phone number. The simple URL API sends to one recipient per request.',
	},
	messageField,
	senderField,
	optionsCollection([...advertisingOptions]),
];

export const description = forOperation('sms', 'sendSimple', properties);

/** pushsms.aspx: one recipient per request; chaining is turned on when the text needs more than one segment. */
export async function execute(this: IExecuteFunctions, itemIndex: number, run: OperationRun): Promise<IDataObject> {
	const options = run.reader.options(itemIndex);
	const sms = run.reader.recipientsAndText(itemIndex, options);
	if (sms.recipients.length !== 1) {
		throw inputError(this, itemIndex, 'Recipient', `the simple URL API takes one recipient, got ${sms.recipients.length}`, 'Use the Send operation for several recipients. Nothing was sent for this item.');
	}
	const sender = run.reader.sender(itemIndex);
	const chaining = sms.measure.segments > 1;
	const params: GatewayParams = [
		['Sender', sender],
		['ToPhoneNumber', sms.recipients[0]],
		['Message', sms.text],
		['EnableChaining', chaining ? '1' : '0'],
	];
	await run.sends.once(run.sends.keyFor('pushsms.aspx', params), [itemIndex], async () => {
		const answer = await run.caller.pushSms(params, itemIndex, readPushSmsAnswer);
		requireAccepted(this.getNode(), answer, itemIndex, `Sending item ${itemIndex + 1} through pushsms.aspx failed`, true);
		return { code: answer, messageId: null };
	});
	return { status: 'OK', messageId: null, ...smsSummary(sms), sender, enableChaining: chaining };
}
