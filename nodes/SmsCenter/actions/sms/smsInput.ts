import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { DEFAULT_OPT_OUT_LINE, markAsAdvertising } from '../../helpers/marketing';
import { TextMeasurer, type TextMeasure } from '../../helpers/messageSegments';
import { perItemParameter } from '../common/parameters';
import { normaliseRecipients } from '../../helpers/phoneNumbers';
import { SENDER_NAME_RULE, senderNameProblem } from '../../helpers/senderName';
import { MAX_SEGMENTS, messageTextProblem, splitEmails } from '../../helpers/text';
import { wholeNumberProblem } from '../../helpers/numbers';
import { readDateTime } from '../../helpers/dates';
import { inputError } from '../common/itemResults';

export type SmsOperation = 'Push' | 'Pull' | 'ReverseBilling';
export type MessageOption = 'Regular' | 'Concatenated' | 'Reply';

/** One item's SMS, checked and ready to send. */
export interface PreparedSms {
	itemIndex: number;
	recipients: string[];
	duplicatesRemoved: number;
	text: string;
	measure: TextMeasure;
	sender: string;
	smsOperation: SmsOperation;
	price: number;
	delayMinutes: number;
	expirationMinutes: number;
	messageOption: MessageOption;
	ccEmails: string[];
}

/** A year, in minutes: the furthest a delay or an expiration may reach. */
export const MAX_MINUTES = 525_600;

/**
 * Reads the items of a run. Parameters without expressions are read once per run, and each
 * distinct text is measured once, so bulk runs do per item only what differs per item.
 */
export class SmsItemReader {
	private readonly recipientsOf: (itemIndex: number) => unknown;
	private readonly messageOf: (itemIndex: number) => unknown;
	private readonly senderOf: (itemIndex: number) => unknown;
	private readonly optionsOf: (itemIndex: number) => IDataObject;
	private readonly measurer = new TextMeasurer();

	constructor(private readonly ctx: IExecuteFunctions) {
		this.recipientsOf = perItemParameter<unknown>(ctx, 'recipients', '');
		this.messageOf = perItemParameter<unknown>(ctx, 'message', '');
		this.senderOf = perItemParameter<unknown>(ctx, 'senderName', '');
		this.optionsOf = perItemParameter<IDataObject>(ctx, 'options', {});
	}

	options(itemIndex: number): IDataObject {
		return this.optionsOf(itemIndex);
	}

	/** The recipients, and the text as it will be sent (marked for advertising when asked). */
	recipientsAndText(itemIndex: number, options: IDataObject, kind: 'sms' | 'voice' = 'sms') {
		const { ctx } = this;
		const list = normaliseRecipients(this.recipientsOf(itemIndex), kind);
		if (list.invalid.length > 0) {
			const shown = list.invalid.map((entry) => `"${entry.input}" (${entry.reason})`).join(', ');
			throw inputError(ctx, itemIndex, 'Recipients', `invalid phone number ${shown}`, 'Use numbers such as 0541234567 or +972541234567. Nothing was sent for this item.');
		}
		if (list.numbers.length === 0) throw inputError(ctx, itemIndex, 'Recipients', 'no recipient was given');

		const rawText = this.messageOf(itemIndex);
		const message = typeof rawText === 'string' ? rawText : rawText === null || rawText === undefined ? '' : String(rawText);
		const textProblem = messageTextProblem(message);
		if (textProblem) throw inputError(ctx, itemIndex, 'Message', textProblem);
		const text = options.advertising === true ? markAsAdvertising(message, String(options.optOutLine ?? DEFAULT_OPT_OUT_LINE)) : message;
		const measure = this.measurer.measure(text);
		if (measure.segments > MAX_SEGMENTS) {
			throw inputError(ctx, itemIndex, 'Message', `the text needs ${measure.segments} SMS segments (${measure.characters} ${measure.encoding} characters); the limit is ${MAX_SEGMENTS}`);
		}
		return { recipients: list.numbers, duplicatesRemoved: list.duplicates, text, measure };
	}

	sender(itemIndex: number, optional = false): string {
		const sender = String(this.senderOf(itemIndex) ?? '').trim();
		if (optional && sender === '') return sender;
		const problem = senderNameProblem(sender);
		if (problem) throw inputError(this.ctx, itemIndex, 'Sender Name', problem, `The rule: ${SENDER_NAME_RULE}. Nothing was sent for this item.`);
		return sender;
	}

	/** One item's SMS for the Send operation, every field checked. */
	smsItem(itemIndex: number): PreparedSms {
		const { ctx } = this;
		const options = this.options(itemIndex);
		const { recipients, duplicatesRemoved, text, measure } = this.recipientsAndText(itemIndex, options);
		const smsOperation = ((options.smsOperation as string | undefined) ?? 'Push') as SmsOperation;
		const sender = this.sender(itemIndex, smsOperation === 'Pull');

		const price = options.price === undefined ? 0 : Number(options.price);
		if (!Number.isFinite(price) || price < 0) throw inputError(ctx, itemIndex, 'Price', `${String(options.price)} is not a price of zero or more`);
		if (smsOperation === 'ReverseBilling' && price <= 0) {
			throw inputError(ctx, itemIndex, 'Price', 'a reverse billing message needs a price above zero');
		}

		const { emails, invalid } = splitEmails(String(options.ccEmails ?? ''));
		if (invalid.length > 0) throw inputError(ctx, itemIndex, 'CC E-Mail Addresses', `not an e-mail address: ${invalid.map((e) => `"${e}"`).join(', ')}`);

		const chosen = (options.messageOption as string | undefined) ?? 'auto';
		const messageOption: MessageOption = chosen === 'auto' ? (measure.segments > 1 ? 'Concatenated' : 'Regular') : (chosen as MessageOption);

		return {
			itemIndex,
			recipients,
			duplicatesRemoved,
			text,
			measure,
			sender,
			smsOperation,
			price,
			delayMinutes: readDelay(ctx, itemIndex, options),
			expirationMinutes: readMinutes(ctx, itemIndex, options, 'expirationMinutes', 'Expiration (Minutes)'),
			messageOption,
			ccEmails: emails,
		};
	}
}

export function readMinutes(ctx: IExecuteFunctions, itemIndex: number, options: IDataObject, name: string, label: string): number {
	const value = options[name];
	if (value === undefined || value === '') return 0;
	const problem = wholeNumberProblem(value, 0, MAX_MINUTES);
	if (problem) throw inputError(ctx, itemIndex, label, `${problem}; give whole minutes from 0 to ${MAX_MINUTES}`);
	return Number(value);
}

/** The delivery delay in minutes: the Delay option, or the minutes until Send At in the workflow's time zone. */
export function readDelay(ctx: IExecuteFunctions, itemIndex: number, options: IDataObject): number {
	const delay = readMinutes(ctx, itemIndex, options, 'delayMinutes', 'Delay (Minutes)');
	const sendAt = options.sendAt;
	if (sendAt === undefined || sendAt === '' || sendAt === null) return delay;
	if (options.delayMinutes !== undefined && options.delayMinutes !== 0) {
		throw inputError(ctx, itemIndex, 'Send At', 'give either Delay (Minutes) or Send At, not both');
	}
	const text = typeof sendAt === 'object' && 'toISO' in sendAt ? String((sendAt as { toISO: () => string }).toISO()) : String(sendAt);
	const when = readDateTime(text, ctx.getTimezone());
	if (!when) throw inputError(ctx, itemIndex, 'Send At', `"${text}" is not a date-time`);
	const minutes = Math.ceil((when.getTime() - Date.now()) / 60_000);
	if (minutes <= 0) throw inputError(ctx, itemIndex, 'Send At', `${when.toISOString()} is in the past`);
	if (minutes > MAX_MINUTES) throw inputError(ctx, itemIndex, 'Send At', `${when.toISOString()} is more than a year ahead`);
	return minutes;
}

/** What an SMS output item says about the text and its recipients. */
export function smsSummary(sms: { recipients: string[]; measure: TextMeasure }): IDataObject {
	return {
		recipients: sms.recipients,
		recipientCount: sms.recipients.length,
		encoding: sms.measure.encoding,
		characters: sms.measure.characters,
		segmentsPerRecipient: sms.measure.segments,
		totalSegments: sms.measure.segments * sms.recipients.length,
	};
}
