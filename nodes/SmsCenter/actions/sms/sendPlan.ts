import type { GatewayParams } from '../../../shared/transport/requestBuilder';
import type { WindowedTiming } from '../common/sendWindow';
import type { WindowSchedule } from '../../../shared/sendWindow';
import type { PreparedSms } from './smsItem';

export type SendMethod = 'SendMessageReturnMessageID' | 'SendMessagesV2';

/** The recipients of one item that a request carries. */
export interface BatchPart {
	itemIndex: number;
	numbers: string[];
}

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

/**
 * Items that may share a request: the same sender, text and options. The recipients that carry an
 * item's CC addresses share requests only with each other (`ccOf`).
 */
function batchKey(sms: PreparedSms, ccOf?: number): string {
	return JSON.stringify([
		sms.sender,
		sms.text,
		sms.smsOperation,
		sms.price,
		sms.delayMinutes,
		sms.expirationMinutes,
		sms.messageOption,
		ccOf ?? null,
		sms.window?.key ?? null,
	]);
}

interface PlanEntry {
	itemIndex: number;
	key: string;
	numbers: string[];
}

/**
 * CC addresses and batching. The document ("Recipient Emails address to send the Message to apart
 * from the SMS, separated by comma") reads two ways: the CC list is independent of the numbers (each
 * request mails every address once), or it pairs with them by position (the gateway's answer
 * `ThePhoneNumberListAndTheCCListMustHaveTheSameNumberOfItems` suggests so). Sending an item's k CC
 * addresses with its first k recipients, in requests of their own, is right under both readings: each
 * address gets one copy per item, however the item's other recipients are batched. An item with more
 * addresses than recipients is refused before sending (`smsItem`).
 */
function planEntries(sms: PreparedSms): PlanEntry[] {
	const paired = sms.ccEmails.length;
	if (paired === 0)
		return [{ itemIndex: sms.itemIndex, key: batchKey(sms), numbers: sms.recipients }];
	return [
		{
			itemIndex: sms.itemIndex,
			key: batchKey(sms, sms.itemIndex),
			numbers: sms.recipients.slice(0, paired),
		},
		{ itemIndex: sms.itemIndex, key: batchKey(sms), numbers: sms.recipients.slice(paired) },
	];
}

/** The CC addresses of a request: those paired with its numbers, in their order. */
function ccFor(sms: PreparedSms, numbers: string[], pairedRequest: boolean): string[] {
	if (!pairedRequest) return [];
	const byNumber = new Map(sms.recipients.map((number, i) => [number, sms.ccEmails[i]]));
	return numbers.map((number) => byNumber.get(number) ?? '').filter((email) => email !== '');
}

/**
 * Recipients in one request: `batchSize`, and under a rate limit no more than one period's messages
 * (recipients times the text's segments), at least one.
 */
function requestSize(options: SendPlanOptions, segments: number): number {
	const max = options.maxMessagesPerRequest;
	const size = max === undefined ? options.batchSize : Math.min(options.batchSize, max / segments);
	return Math.max(1, Math.floor(size));
}

/** The gateway writes numbers in invariant culture. */
export function invariantNumber(value: number): string {
	return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(6)));
}

function sendParams(sms: PreparedSms, numbers: string[], ccEmails: string[]): GatewayParams {
	return [
		['SenderName', sms.sender],
		['SendToPhoneNumbers', numbers.join(',')],
		['CCToEmail', ccEmails.join(',')],
		['Message', sms.text],
		['SMSOperation', sms.smsOperation],
		['DeliveryDelayInMinutes', String(sms.delayMinutes)],
		['ExpirationDelayInMinutes', String(sms.expirationMinutes)],
		['MessageOption', sms.messageOption],
		['Price', invariantNumber(sms.price)],
	];
}

/** SMS segments the whole run needs: segments per recipient times recipients, summed over the items. */
export function segmentsNeeded(prepared: PreparedSms[]): number {
	return prepared.reduce((sum, sms) => sum + sms.measure.segments * sms.recipients.length, 0);
}

/** A request being filled: the item that opened it, and whether it carries that item's CC addresses. */
interface OpenBatch {
	sms: PreparedSms;
	parts: BatchPart[];
	numbers: string[];
	paired: boolean;
}

/**
 * Plans the requests of a send run item by item, so that each request can start as soon as it is
 * complete: items with the same sender, text and options share requests of at most `batchSize`
 * recipients (under a rate limit, no more than one period's messages), and an item with more
 * recipients spans several. `add` returns the requests an item filled, `finish` the requests still
 * open, in the order they were opened.
 */
export class SendPlanner {
	private readonly open = new Map<string, OpenBatch>();
	private readonly method: SendMethod;

	constructor(private readonly options: SendPlanOptions) {
		this.method = options.returnMessageId ? 'SendMessageReturnMessageID' : 'SendMessagesV2';
	}

	add(sms: PreparedSms): PlannedRequest[] {
		const full: PlannedRequest[] = [];
		const size = requestSize(this.options, sms.measure.segments);
		for (const entry of planEntries(sms)) {
			const paired = entry.key !== batchKey(sms);
			let remaining = entry.numbers;
			while (remaining.length > 0) {
				let current = this.open.get(entry.key);
				if (!current) {
					current = { sms, parts: [], numbers: [], paired };
					this.open.set(entry.key, current);
				}
				const room = size - current.numbers.length;
				const taken = remaining.length <= room ? remaining : remaining.slice(0, room);
				remaining = remaining.length <= room ? [] : remaining.slice(room);
				current.parts.push({ itemIndex: sms.itemIndex, numbers: taken });
				for (const number of taken) current.numbers.push(number);
				if (current.numbers.length >= size) {
					full.push(this.request(current));
					this.open.delete(entry.key);
				}
			}
			// No other item joins the requests that carry this item's CC addresses.
			const rest = paired ? this.open.get(entry.key) : undefined;
			if (rest) {
				full.push(this.request(rest));
				this.open.delete(entry.key);
			}
		}
		return full;
	}

	finish(): PlannedRequest[] {
		const rest = [...this.open.values()].map((batch) => this.request(batch));
		this.open.clear();
		return rest;
	}

	private request(batch: OpenBatch): PlannedRequest {
		const firstItem = batch.parts[0].itemIndex;
		return {
			method: this.method,
			parts: batch.parts,
			firstItem,
			numbers: batch.numbers,
			messages: batch.numbers.length * batch.sms.measure.segments,
			params: sendParams(batch.sms, batch.numbers, ccFor(batch.sms, batch.numbers, batch.paired)),
			window: this.options.windowOf?.(firstItem),
		};
	}
}
