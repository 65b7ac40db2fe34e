import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { forOperation } from '../../helpers/displayOptions';
import { planBatches, type Batch } from '../../helpers/batching';
import { mapWithConcurrency } from '../../helpers/concurrency';
import { invariantNumber } from '../../helpers/numbers';
import { readMessageIdAnswer, readSendCode } from '../../transport/answers';
import { gatewayAnswerError } from '../../transport/errors';
import type { GatewayCaller } from '../../transport/request';
import type { GatewayParams } from '../../transport/requestBuilder';
import { advertisingOptions, messageField, recipientsField, senderField, optionsCollection } from '../common/fields';
import { failedItem } from '../common/itemResults';
import { gatewayCaller } from '../common/settings';
import { companyBalance } from '../account/balance';
import { SmsItemReader, smsSummary, type PreparedSms } from './smsInput';

const properties: INodeProperties[] = [
	recipientsField,
	messageField,
	senderField,
	optionsCollection([
		...advertisingOptions,
		{
			displayName: 'Balance Guard',
			name: 'balanceGuard',
			type: 'boolean',
			default: false,
			description: 'Whether to check the prepaid SMS balance first and send nothing when the run needs more segments than remain',
		},
		{
			displayName: 'Batch Size',
			name: 'batchSize',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 500,
			description: 'Items with the same sender, text and options are sent together, at most this many recipients per request',
		},
		{
			displayName: 'CC E-Mail Addresses',
			name: 'ccEmails',
			type: 'string',
			default: '',
			placeholder: 'ops@example.com',
			description: 'E-mail addresses that also receive the message, separated by commas',
		},
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 5,
			description: 'How many requests may be under way at once when items have different texts',
		},
		{
			displayName: 'Delay (Minutes)',
			name: 'delayMinutes',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'Minutes SMSCenter waits before sending. 0 sends now.',
		},
		{
			displayName: 'Expiration (Minutes)',
			name: 'expirationMinutes',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'Minutes after which SMSCenter stops trying to deliver. 0 keeps the gateway default.',
		},
		{
			displayName: 'Message Option',
			name: 'messageOption',
			type: 'options',
			options: [
				{ name: 'Auto', value: 'auto', description: 'Regular for one segment, Concatenated when longer' },
				{ name: 'Concatenated', value: 'Concatenated' },
				{ name: 'Regular', value: 'Regular' },
				{ name: 'Reply', value: 'Reply' },
			],
			default: 'auto',
		},
		{
			displayName: 'Price',
			name: 'price',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 2 },
			default: 0,
			description: 'The price the recipient pays, for Reverse Billing only. Check with SMSCenter support that the price is supported.',
		},
		{
			displayName: 'Return Message ID',
			name: 'returnMessageId',
			type: 'boolean',
			default: true,
			description: 'Whether to use SendMessageReturnMessageID, which returns the message ID that delivery reports refer to (off uses SendMessagesV2)',
		},
		{
			displayName: 'Send At',
			name: 'sendAt',
			type: 'dateTime',
			default: '',
			description: "When SMSCenter should send, in the workflow's time zone. Converted to a delay in minutes.",
		},
		{
			displayName: 'SMS Operation',
			name: 'smsOperation',
			type: 'options',
			options: [
				{ name: 'Push', value: 'Push', description: 'A normal SMS' },
				{ name: 'Pull', value: 'Pull', description: 'Recipients can answer; the gateway sends from a virtual number and ignores the sender name' },
				{ name: 'Reverse Billing', value: 'ReverseBilling', description: 'The recipient pays the price' },
			],
			default: 'Push',
		},
	]),
];

export const description = forOperation('sms', 'send', properties);

interface BatchOutcome {
	messageId: string | null;
	code: string;
	error?: Error;
	notStarted?: boolean;
}

function batchKey(sms: PreparedSms, returnMessageId: boolean): string {
	return JSON.stringify([sms.sender, sms.text, sms.smsOperation, sms.price, sms.delayMinutes, sms.expirationMinutes, sms.messageOption, sms.ccEmails, returnMessageId]);
}

function sendParams(sms: PreparedSms, numbers: string[]): GatewayParams {
	return [
		['SenderName', sms.sender],
		['SendToPhoneNumbers', numbers.join(',')],
		['CCToEmail', sms.ccEmails.join(',')],
		['Message', sms.text],
		['SMSOperation', sms.smsOperation],
		['DeliveryDelayInMinutes', String(sms.delayMinutes)],
		['ExpirationDelayInMinutes', String(sms.expirationMinutes)],
		['MessageOption', sms.messageOption],
		['Price', invariantNumber(sms.price)],
	];
}

async function sendBatch(ctx: IExecuteFunctions, caller: GatewayCaller, sms: PreparedSms, batch: Batch, returnMessageId: boolean): Promise<BatchOutcome> {
	const firstItem = batch.parts[0].itemIndex;
	const params = sendParams(sms, batch.numbers);
	let code: string;
	let messageId: string | null = null;
	if (returnMessageId) {
		const answer = readMessageIdAnswer(await caller.asmx('SendMessageReturnMessageID', params, firstItem));
		code = answer.response;
		messageId = answer.messageId === '' || answer.messageId === '0' ? null : answer.messageId;
	} else {
		code = readSendCode(await caller.asmx('SendMessagesV2', params, firstItem));
	}
	if (code !== 'OK' && code !== 'SomeMessagesSent') {
		const items = batch.parts.map((p) => p.itemIndex + 1).join(', ');
		return { code, messageId, error: gatewayAnswerError(ctx.getNode(), code, firstItem, `Sending to ${batch.numbers.length} recipient(s) of item(s) ${items} failed`) };
	}
	return { code, messageId };
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const results: Array<INodeExecutionData | undefined> = new Array(items.length);
	const prepared: PreparedSms[] = [];
	const reader = new SmsItemReader(this);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			prepared.push(reader.smsItem(itemIndex));
		} catch (error) {
			results[itemIndex] = failedItem(this, itemIndex, error as Error);
		}
	}
	if (prepared.length === 0) return results as INodeExecutionData[];

	const runOptions = this.getNodeParameter('options', 0, {}) as IDataObject;
	const returnMessageId = runOptions.returnMessageId !== false;
	const caller = await gatewayCaller(this);

	if (runOptions.balanceGuard === true) {
		const needed = prepared.reduce((sum, sms) => sum + sms.measure.segments * sms.recipients.length, 0);
		const balance = await companyBalance(this, caller, prepared[0].itemIndex);
		if (needed > balance.sms) {
			for (const sms of prepared) {
				const error = new NodeOperationError(this.getNode(), `Item ${sms.itemIndex + 1}: not sent: the run needs ${needed} SMS segments but the prepaid balance has ${balance.sms}`, {
					itemIndex: sms.itemIndex,
					description: 'The balance guard stopped the whole run before anything was sent. Top up the SMSCenter account or send fewer messages.',
				});
				results[sms.itemIndex] = failedItem(this, sms.itemIndex, error);
			}
			return results as INodeExecutionData[];
		}
	}

	const byIndex = new Map(prepared.map((sms) => [sms.itemIndex, sms]));
	const batches = planBatches(
		prepared.map((sms) => ({ itemIndex: sms.itemIndex, key: batchKey(sms, returnMessageId), numbers: sms.recipients })),
		Number(runOptions.batchSize ?? 500),
	);
	let stopped = false;
	const outcomes = await mapWithConcurrency(batches, Number(runOptions.concurrency ?? 5), async (batch): Promise<BatchOutcome> => {
		if (stopped) return { code: '', messageId: null, notStarted: true };
		try {
			const outcome = await sendBatch(this, caller, byIndex.get(batch.parts[0].itemIndex) as PreparedSms, batch, returnMessageId);
			if (outcome.error && !this.continueOnFail()) stopped = true;
			return outcome;
		} catch (error) {
			if (!this.continueOnFail()) stopped = true;
			return { code: '', messageId: null, error: error as Error };
		}
	});

	const perItem = new Map<number, BatchOutcome[]>();
	batches.forEach((batch, index) => {
		for (const part of batch.parts) perItem.set(part.itemIndex, [...(perItem.get(part.itemIndex) ?? []), outcomes[index]]);
	});

	for (const sms of prepared) {
		const own = perItem.get(sms.itemIndex) ?? [];
		const failure = own.find((o) => o.error);
		const notStarted = own.some((o) => o.notStarted);
		const sentIds = own.filter((o) => !o.error && !o.notStarted).map((o) => o.messageId).filter((id): id is string => id !== null);
		if (failure?.error || notStarted) {
			const error = failure?.error ?? new NodeOperationError(this.getNode(), `Item ${sms.itemIndex + 1}: not sent because an earlier request of this run failed`, { itemIndex: sms.itemIndex });
			if (sentIds.length > 0) {
				(error as { description?: string }).description = `${(error as { description?: string }).description ?? ''} Part of this item was sent: message ID(s) ${sentIds.join(', ')}.`.trim();
			}
			results[sms.itemIndex] = failedItem(this, sms.itemIndex, error);
			continue;
		}
		const status = own.some((o) => o.code === 'SomeMessagesSent') ? 'SomeMessagesSent' : 'OK';
		results[sms.itemIndex] = {
			json: { status, messageId: sentIds[0] ?? null, messageIds: sentIds, ...smsSummary(sms), sender: sms.sender, messageOption: sms.messageOption },
			pairedItem: { item: sms.itemIndex },
		};
	}
	return results as INodeExecutionData[];
}
