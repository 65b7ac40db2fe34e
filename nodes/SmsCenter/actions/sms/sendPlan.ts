import type { GatewayParams } from '../../../shared/transport/requestBuilder';
import { planBatches, type BatchPart } from '../../helpers/batching';
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
	params: GatewayParams;
}

export interface SendPlanOptions {
	batchSize: number;
	returnMessageId: boolean;
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
	const batches = planBatches(
		prepared.map((sms) => ({
			itemIndex: sms.itemIndex,
			key: batchKey(sms),
			numbers: sms.recipients,
		})),
		options.batchSize,
	);
	return batches.map((batch) => {
		const firstItem = batch.parts[0].itemIndex;
		const sms = byIndex.get(firstItem) as PreparedSms;
		return {
			method,
			parts: batch.parts,
			firstItem,
			numbers: batch.numbers,
			params: sendParams(sms, batch.numbers),
		};
	});
}

/** SMS segments the whole run needs: segments per recipient times recipients, summed over the items. */
export function segmentsNeeded(prepared: PreparedSms[]): number {
	return prepared.reduce((sum, sms) => sum + sms.measure.segments * sms.recipients.length, 0);
}

/**
 * Plans the same requests as `planSend`, item by item, so that each request can start as soon as it
 * is complete: `add` returns the requests an item filled (`batchSize` recipients), `finish` the
 * requests still open, in the order they were opened. The requests are `planSend`'s, and within a
 * group they come in the same order.
 */
export class SendPlanner {
	private readonly open = new Map<
		string,
		{ sms: PreparedSms; parts: BatchPart[]; numbers: string[] }
	>();
	private readonly size: number;
	private readonly method: SendMethod;

	constructor(options: SendPlanOptions) {
		this.size = Math.max(1, Math.floor(options.batchSize));
		this.method = options.returnMessageId ? 'SendMessageReturnMessageID' : 'SendMessagesV2';
	}

	add(sms: PreparedSms): PlannedRequest[] {
		const key = batchKey(sms);
		const full: PlannedRequest[] = [];
		let remaining = sms.recipients;
		while (remaining.length > 0) {
			let current = this.open.get(key);
			if (!current) {
				current = { sms, parts: [], numbers: [] };
				this.open.set(key, current);
			}
			const room = this.size - current.numbers.length;
			const taken = remaining.length <= room ? remaining : remaining.slice(0, room);
			remaining = remaining.length <= room ? [] : remaining.slice(room);
			current.parts.push({ itemIndex: sms.itemIndex, numbers: taken });
			for (const number of taken) current.numbers.push(number);
			if (current.numbers.length >= this.size) {
				full.push(this.request(current));
				this.open.delete(key);
			}
		}
		return full;
	}

	finish(): PlannedRequest[] {
		const rest = [...this.open.values()].map((batch) => this.request(batch));
		this.open.clear();
		return rest;
	}

	private request(batch: {
		sms: PreparedSms;
		parts: BatchPart[];
		numbers: string[];
	}): PlannedRequest {
		return {
			method: this.method,
			parts: batch.parts,
			firstItem: batch.parts[0].itemIndex,
			numbers: batch.numbers,
			params: sendParams(batch.sms, batch.numbers),
		};
	}
}
