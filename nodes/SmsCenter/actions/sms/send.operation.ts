import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { isAcceptedAnswer } from '../../../shared/transport/answerRules';
import { forOperation } from '../../helpers/displayOptions';
import { mapWithConcurrency } from '../../helpers/concurrency';
import { readMessageIdAnswer, readSendCode } from '../../transport/answers';
import { gatewayAnswerError, isLoginRefusalError } from '../../transport/errors';
import type { GatewayCaller } from '../../transport/gatewayCaller';
import { balanceGuardStop, readBalanceOrReason } from '../account/balance';
import { advertisingOptions, messageField, optionsCollection, recipientsField, senderField, timingFields } from '../common/fields';
import { errorItemOrThrow } from '../common/itemErrors';
import { addPartialSendHint, partialFields } from '../common/partialSends';
import type { OperationRun } from '../node.type';
import { planSend, segmentsNeeded, type PlannedRequest } from './sendPlan';
import { firstFailure, reconcile, type ItemOutcome, type RequestOutcome } from './sendReconcile';
import { readSmsItem, smsSummary, type PreparedSms } from './smsItem';

const timing = timingFields('sms');

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
		timing.delay,
		timing.expiration,
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
		timing.sendAt,
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

/** Sends one planned request; a refusal or a failure on the way becomes a failed outcome. */
async function sendRequest(ctx: IExecuteFunctions, caller: GatewayCaller, request: PlannedRequest): Promise<RequestOutcome> {
	let code: string;
	let messageId: string | null = null;
	try {
		const result = await caller.asmx(request.method, request.params, request.firstItem);
		if (request.method === 'SendMessageReturnMessageID') ({ response: code, messageId } = readMessageIdAnswer(result));
		else code = readSendCode(result);
	} catch (error) {
		return { kind: 'failed', error: error as Error };
	}
	if (isAcceptedAnswer(code)) return { kind: 'sent', code, messageId };
	const items = request.parts.map((part) => part.itemIndex + 1).join(', ');
	const context = `Sending to ${request.numbers.length} recipient(s) of item(s) ${items} failed`;
	return { kind: 'failed', error: gatewayAnswerError(ctx.getNode(), code, request.firstItem, context) };
}

/** Runs the planned requests with bounded concurrency; none starts after a refused login, nor, without Continue On Fail, after any failure. */
async function sendAll(ctx: IExecuteFunctions, caller: GatewayCaller, requests: PlannedRequest[], concurrency: number): Promise<RequestOutcome[]> {
	let stopped = false;
	return await mapWithConcurrency(requests, concurrency, async (request): Promise<RequestOutcome> => {
		if (stopped) return { kind: 'notStarted' };
		const outcome = await sendRequest(ctx, caller, request);
		if (outcome.kind === 'failed' && (!ctx.continueOnFail() || isLoginRefusalError(outcome.error))) stopped = true;
		return outcome;
	});
}

/** The error of an item whose requests did not all go through, saying which of them did. */
function itemError(ctx: IExecuteFunctions, outcome: Exclude<ItemOutcome, { kind: 'sent' }>): Error {
	const error =
		outcome.kind === 'failed'
			? outcome.error
			: new NodeOperationError(ctx.getNode(), `Item ${outcome.itemIndex + 1}: not sent because an earlier request of this run failed`, { itemIndex: outcome.itemIndex });
	if (outcome.sentMessageIds.length > 0) {
		const described = error as { description?: string };
		described.description = `${described.description ?? ''} Part of this item was sent: message ID(s) ${outcome.sentMessageIds.join(', ')}.`.trim();
	}
	return error;
}

/**
 * Reads and checks every item, plans the requests (items with the same text share them), sends
 * them, then gives each item its own result from the requests that carried it.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], run: OperationRun): Promise<INodeExecutionData[]> {
	const results: INodeExecutionData[] = new Array(items.length);
	const prepared: PreparedSms[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			prepared.push(readSmsItem(this, run.reader, itemIndex));
		} catch (error) {
			results[itemIndex] = errorItemOrThrow(this, itemIndex, error as Error);
		}
	}
	if (prepared.length === 0) return results;

	const runOptions = this.getNodeParameter('options', 0, {}) as IDataObject;
	if (runOptions.balanceGuard === true) {
		const needed = segmentsNeeded(prepared);
		const stop = balanceGuardStop(needed, await readBalanceOrReason(this, run.caller, prepared[0].itemIndex));
		if (stop) {
			for (const sms of prepared) {
				const error = new NodeOperationError(this.getNode(), `Item ${sms.itemIndex + 1}: not sent: ${stop.problem}`, {
					itemIndex: sms.itemIndex,
					description: stop.description,
				});
				results[sms.itemIndex] = errorItemOrThrow(this, sms.itemIndex, error);
			}
			return results;
		}
	}

	const requests = planSend(prepared, { batchSize: Number(runOptions.batchSize ?? 500), returnMessageId: runOptions.returnMessageId !== false });
	const outcomes = await sendAll(this, run.caller, requests, Number(runOptions.concurrency ?? 5));
	const itemOutcomes = reconcile(
		prepared.map((sms) => sms.itemIndex),
		requests,
		outcomes,
	);

	const failure = firstFailure(itemOutcomes);
	if (failure && !this.continueOnFail()) throw itemError(this, failure);
	const byIndex = new Map(prepared.map((sms) => [sms.itemIndex, sms]));
	for (const outcome of itemOutcomes) {
		const sms = byIndex.get(outcome.itemIndex) as PreparedSms;
		if (outcome.kind !== 'sent') {
			results[outcome.itemIndex] = errorItemOrThrow(this, outcome.itemIndex, itemError(this, outcome));
			continue;
		}
		results[outcome.itemIndex] = {
			json: {
				status: outcome.status,
				...partialFields(outcome.status),
				messageId: outcome.messageIds[0] ?? null,
				messageIds: outcome.messageIds,
				...smsSummary(sms),
				sender: sms.sender,
				messageOption: sms.messageOption,
			},
			pairedItem: { item: outcome.itemIndex },
		};
	}
	addPartialSendHint(this, itemOutcomes.filter((outcome) => outcome.kind === 'sent' && outcome.status === 'SomeMessagesSent').map((outcome) => outcome.itemIndex));
	return results;
}
