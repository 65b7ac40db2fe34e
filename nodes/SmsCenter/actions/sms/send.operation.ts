import {
	NodeOperationError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { forOperation } from '../../helpers/displayOptions';
import { balanceGuardStop, readBalanceOrReason } from '../account/balance';
import {
	advertisingOptions,
	FROM_VERSION_1_1,
	messageField,
	optionsCollection,
	recipientsField,
	senderField,
	timingFields,
	VERSION_1,
} from '../common/fields';
import { errorItemOrThrow } from '../common/itemErrors';
import { readFlag, readNumber, type NumberField } from '../common/parameterValues';
import { withSentItems } from '../common/sentItems';
import { addPartialSendHint, partialFields } from '../common/partialSends';
import type { OperationRun } from '../node.type';
import { SendPlanner, segmentsNeeded, type PlannedRequest } from './sendPlan';
import { firstFailure, reconcile, sentItems } from './sendReconcile';
import { itemError, SendDispatcher } from './sendRequests';
import { readSmsItem, smsSummary, type PreparedSms } from './smsItem';
import {
	RunWindows,
	sendWindowOptions,
	windowOutput,
	type WindowedTiming,
} from '../common/sendWindow';
import { pacerForRun, rateLimitOptions, rateOutput } from '../common/rateLimit';
import { Pacer } from '../../helpers/pacer';

const timing = timingFields('sms');

/** At most this many recipients in one request, and this many requests under way at once. */
const BATCH_SIZE: NumberField = {
	label: 'Batch Size',
	min: 1,
	max: 10_000,
	whole: true,
	fallback: 500,
};
const CONCURRENCY: NumberField = {
	label: 'Concurrency',
	min: 1,
	max: 100,
	whole: true,
	fallback: 5,
};

const price: INodeProperties = {
	displayName: 'Price',
	name: 'price',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 1000, numberPrecision: 2 },
	default: 0,
	description:
		'What the recipient pays for a Reverse Billing message. Ask SMSCenter support which prices your account supports.',
};

const properties: INodeProperties[] = [
	recipientsField,
	messageField,
	senderField,
	...timing.schedule,
	optionsCollection([
		...advertisingOptions,
		{
			displayName: 'Balance Guard',
			name: 'balanceGuard',
			type: 'boolean',
			default: false,
			description:
				'Whether to check the prepaid SMS balance first and send nothing when the run needs more segments than remain',
		},
		{
			displayName: 'Batch Size',
			name: 'batchSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 10000 },
			default: 500,
			description:
				'Items with the same text, sender and options go to SMSCenter together, up to this many recipients in one request',
		},
		{
			displayName: 'CC E-Mail Addresses',
			name: 'ccEmails',
			type: 'string',
			default: '',
			placeholder: 'ops@example.com',
			description:
				"E-mail addresses that also receive this item's message, separated by commas: one copy per address per item, however the items are batched. At most one address per recipient: each address goes to SMSCenter together with one of the item's recipients.",
		},
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 100 },
			default: 5,
			description: 'How many requests to SMSCenter may run at once when items have different texts',
		},
		timing.legacyDelay,
		timing.expiration,
		{
			displayName: 'Message Option',
			name: 'messageOption',
			type: 'options',
			options: [
				{
					name: 'Auto',
					value: 'auto',
					description: 'Regular for a text that fits in one SMS, Concatenated for a longer one',
				},
				{
					name: 'Concatenated',
					value: 'Concatenated',
					description: 'The parts of a long text arrive as one message',
				},
				{ name: 'Regular', value: 'Regular', description: 'A plain SMS' },
				{
					name: 'Reply',
					value: 'Reply',
					description:
						"SMSCenter's Reply option; ask SMSCenter support what it does for your account",
				},
			],
			default: 'auto',
			description: 'How SMSCenter sends the text',
		},
		// Version 1 shows Price whatever the SMS type, so workflows saved with it send as before.
		{ ...price, displayOptions: { show: VERSION_1 } },
		{
			...price,
			displayOptions: { show: { ...FROM_VERSION_1_1, smsOperation: ['ReverseBilling'] } },
		},
		{
			displayName: 'Return Message ID',
			name: 'returnMessageId',
			type: 'boolean',
			default: true,
			description:
				'Whether to get the message ID back; delivery reports refer to it. Turn off only if SMSCenter support asks you to.',
		},
		timing.legacySendAt,
		...rateLimitOptions('sms'),
		...sendWindowOptions('sms'),
		{
			displayName: 'SMS Type',
			name: 'smsOperation',
			type: 'options',
			options: [
				{ name: 'Push', value: 'Push', description: 'A normal SMS' },
				{
					name: 'Pull',
					value: 'Pull',
					description:
						'Recipients can answer: SMSCenter sends from a virtual number instead of the sender name. Your account must allow it.',
				},
				{
					name: 'Reverse Billing',
					value: 'ReverseBilling',
					description: 'The recipient pays the Price. Your account must allow it.',
				},
			],
			default: 'Push',
		},
	]),
];

export const description = forOperation('sms', 'send', properties);

/** How long preparing items may go on before the requests it made ready get their turn, in ms. */
const PREPARE_SLICE_MS = 10;

/**
 * Reads and checks each item and sends each request as soon as it is complete (items with the same
 * text share requests), while the next items are read; then gives each item its own result from the
 * requests that carried it. With the Balance Guard on, every item is read before anything is sent.
 * A run that stops at an invalid item names the items already sent. Under a Rate Limit each request
 * carries at most one period's messages and waits for its turn; under a Send Window its delay is worked
 * out when it goes.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	run: OperationRun,
): Promise<INodeExecutionData[]> {
	const results: INodeExecutionData[] = new Array(items.length);
	const prepared: PreparedSms[] = [];
	let planner: SendPlanner | undefined;
	let dispatcher: SendDispatcher | undefined;
	let balanceGuard = false;
	let returnMessageId = true;
	let pacer: Pacer | undefined;
	// The run's holidays, loaded once when an item's Send Window asks for them.
	const runWindows = new RunWindows();
	const windows = new Map<number, WindowedTiming>();
	let windowed = false;
	let sliceStarted = Date.now();
	const itemOutcomesOf = async (sending: SendDispatcher) =>
		reconcile(
			prepared.map((sms) => sms.itemIndex),
			sending.requests,
			await sending.settle(),
		);

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		let sms: PreparedSms;
		try {
			sms = readSmsItem(this, run.reader, itemIndex);
		} catch (error) {
			if (this.continueOnFail() || !dispatcher?.hasStarted) {
				results[itemIndex] = errorItemOrThrow(this, itemIndex, error as Error);
				continue;
			}
			// The run stops at this item: what was already sent is named in its error.
			dispatcher.stop();
			throw withSentItems(error as Error, sentItems(await itemOutcomesOf(dispatcher)));
		}
		prepared.push(sms);
		if (sms.window) {
			// Taken after the item's Send At was counted in whole minutes, so the send is never early.
			const readAt = Date.now();
			windowed = true;
			windows.set(sms.itemIndex, {
				window: await runWindows.resolve(sms.window),
				earliestAt: readAt + sms.delayMinutes * 60_000,
				delayMinutes: sms.delayMinutes,
				expirationMinutes: sms.expirationSet ? sms.expirationMinutes : undefined,
			});
		}
		if (!planner || !dispatcher) {
			// Settings of the whole run, read with the first item.
			const runOptions = run.reader.options(0);
			const batchSize = readNumber(this, 0, runOptions.batchSize, BATCH_SIZE);
			const concurrency = readNumber(this, 0, runOptions.concurrency, CONCURRENCY);
			returnMessageId = readFlag(this, 0, 'Return Message ID', runOptions.returnMessageId, true);
			balanceGuard = readFlag(this, 0, 'Balance Guard', runOptions.balanceGuard, false);
			pacer = pacerForRun(this, 0, runOptions);
			planner = new SendPlanner({
				batchSize,
				returnMessageId,
				maxMessagesPerRequest: pacer && Pacer.messagesPerRequest(pacer.limit),
				windowOf: (index) => windows.get(index),
			});
			dispatcher = new SendDispatcher(this, run, concurrency, pacer);
		}
		if (balanceGuard) continue;
		for (const request of planner.add(sms)) dispatcher.dispatch(request);
		// A failure without Continue On Fail ends the run: the items left are not read.
		if (dispatcher.hasStopped && !this.continueOnFail()) break;
		if (dispatcher.hasStarted && Date.now() - sliceStarted >= PREPARE_SLICE_MS) {
			await sleep(0);
			sliceStarted = Date.now();
		}
	}
	if (!planner || !dispatcher) return results;

	if (balanceGuard) {
		const needed = segmentsNeeded(prepared);
		const stop = balanceGuardStop(
			needed,
			await readBalanceOrReason(this, run.caller, prepared[0].itemIndex),
		);
		if (stop) {
			for (const sms of prepared) {
				const error = new NodeOperationError(
					this.getNode(),
					`Item ${sms.itemIndex + 1}: not sent: ${stop.problem}`,
					{
						itemIndex: sms.itemIndex,
						description: stop.description,
					},
				);
				results[sms.itemIndex] = errorItemOrThrow(this, sms.itemIndex, error);
			}
			return results;
		}
		for (const sms of prepared)
			for (const request of planner.add(sms)) dispatcher.dispatch(request);
	}
	// After a failure these end as not started.
	for (const request of planner.finish()) dispatcher.dispatch(request);
	const itemOutcomes = await itemOutcomesOf(dispatcher);
	const rate = pacer ? rateOutput(pacer) : {};
	const requestsOf = windowed ? requestsByItem(dispatcher.requests) : undefined;

	const failure = firstFailure(itemOutcomes);
	// The run stops here: its error names every item that went out, this one too if it went out in part.
	if (failure && !this.continueOnFail())
		throw withSentItems(itemError(this, failure, false), sentItems(itemOutcomes));
	const byIndex = new Map(prepared.map((sms) => [sms.itemIndex, sms]));
	for (const outcome of itemOutcomes) {
		const sms = byIndex.get(outcome.itemIndex) as PreparedSms;
		if (outcome.kind !== 'sent') {
			results[sms.itemIndex] = errorItemOrThrow(this, sms.itemIndex, itemError(this, outcome));
			continue;
		}
		results[sms.itemIndex] = {
			json: {
				status: outcome.status,
				...partialFields(outcome.status),
				messageId: outcome.messageIds[0] ?? null,
				messageIds: outcome.messageIds,
				...smsSummary(sms),
				sender: sms.sender,
				messageOption: sms.messageOption,
				...(requestsOf ? windowFields(sms, requestsOf.get(sms.itemIndex) ?? []) : {}),
				...rate,
			},
			pairedItem: { item: sms.itemIndex },
		};
	}
	addPartialSendHint(
		this,
		itemOutcomes
			.filter((outcome) => outcome.kind === 'sent' && outcome.status === 'SomeMessagesSent')
			.map((outcome) => outcome.itemIndex),
	);
	return results;
}

/** The requests that carry each item. */
function requestsByItem(requests: PlannedRequest[]): Map<number, PlannedRequest[]> {
	const byItem = new Map<number, PlannedRequest[]>();
	for (const request of requests)
		for (const part of request.parts) {
			const carrying = byItem.get(part.itemIndex) ?? [];
			if (carrying[carrying.length - 1] !== request) carrying.push(request);
			byItem.set(part.itemIndex, carrying);
		}
	return byItem;
}

/** When an item under a Send Window goes out: the latest of its requests (an item may span several). */
function windowFields(sms: PreparedSms, requests: PlannedRequest[]): IDataObject {
	if (!sms.window) return {};
	const schedules = requests
		.map((request) => request.schedule)
		.filter((schedule) => schedule !== undefined);
	if (schedules.length === 0) return {};
	const last = schedules.reduce((a, b) => (b.sendsAt > a.sendsAt ? b : a));
	return {
		sendWindow: {
			...windowOutput(last, sms.window.timeZone),
			heldBySendWindow: schedules.some((schedule) => schedule.held),
		},
	};
}
