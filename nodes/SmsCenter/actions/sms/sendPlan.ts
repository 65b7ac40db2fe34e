import type { GatewayParams } from '../../../shared/transport/requestBuilder';
import { planBatches, type BatchPart } from '../../helpers/batching';
import type { WindowedTiming } from '../common/sendWindow';
import type { WindowSchedule } from '../../../shared/sendWindow';
import type { PreparedSms } from './smsItem';

export type SendMethod = 'SendMessageReturnMessageID' | 'SendMessagesV2';

/** One request of a send run: the parts of items it carries and the parameters it sends. */
export interface PlannedRequest {
	method: SendMethod;
	/** Each carried item with its recipients in this request, in order. */
	parts: BatchPart[];
	/** The item whose index names the request in errors: its first item. */
	firstItem: number;
	/** Recipients of the whole request. */
	numbers: string[];
	/** Messages it sends: recipients times SMS segments. */
	messages: number;
	params: GatewayParams;
	/** The Send Window of the request's items: its delay is worked out when the request goes. */
	window?: WindowedTiming;
	/** When the request goes out under its window: planned, then as sent. */
	schedule?: WindowSchedule;
}

export interface SendPlanOptions {
	batchSize: number;
	returnMessageId: boolean;
	/** At most this many messages (recipients times segments) in one request, under a rate limit. */
	maxMessagesPerRequest?: number;
	/** The Send Window timing of an item, when it has a window. */
	windowOf?: (itemIndex: number) => WindowedTiming | undefined;
}

/** Items that may share a request: the same sender, text and options. */
function batchKey(sms: PreparedSms): string {
	return JSON.stringify([
		sms.sender,
		sms.text,
		sms.smsOperation,
		sms.price,
		sms.delayMinutes,
		sms.expirationMinutes,
		sms.messageOption,
		sms.ccEmails,
		sms.window?.key ?? null,
	]);
}

/** The gateway writes numbers in invariant culture. */
export function invariantNumber(value: number): string {
	return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(6)));
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

/**
 * Plans the requests of a send run, without sending: items with the same sender, text and options
 * share requests of at most `batchSize` recipients, and an item with more recipients spans several.
 * Groups keep the order in which their first item appears.
 */
export function planSend(prepared: PreparedSms[], options: SendPlanOptions): PlannedRequest[] {
	const byIndex = new Map(prepared.map((sms) => [sms.itemIndex, sms]));
	const method: SendMethod = options.returnMessageId
		? 'SendMessageReturnMessageID'
		: 'SendMessagesV2';
	const segmentsOf = new Map(prepared.map((sms) => [batchKey(sms), sms.measure.segments]));
	const max = options.maxMessagesPerRequest;
	const batches = planBatches(
		prepared.map((sms) => ({
			itemIndex: sms.itemIndex,
			key: batchKey(sms),
			numbers: sms.recipients,
		})),
		options.batchSize,
		(key) => (max === undefined ? options.batchSize : Math.floor(max / (segmentsOf.get(key) ?? 1))),
	);
	return batches.map((batch) => {
		const firstItem = batch.parts[0].itemIndex;
		const sms = byIndex.get(firstItem) as PreparedSms;
		return {
			method,
			parts: batch.parts,
			firstItem,
			numbers: batch.numbers,
			messages: batch.numbers.length * sms.measure.segments,
			params: sendParams(sms, batch.numbers),
			window: options.windowOf?.(firstItem),
		};
	});
}

/** SMS segments the whole run needs: segments per recipient times recipients, summed over the items. */
export function segmentsNeeded(prepared: PreparedSms[]): number {
	return prepared.reduce((sum, sms) => sum + sms.measure.segments * sms.recipients.length, 0);
}
