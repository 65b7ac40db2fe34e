import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { readDateTime } from '../../../shared/dates';
import { normaliseRecipients, type NumberKind } from '../../../shared/phoneNumbers';
import { DEFAULT_OPT_OUT_LINE, markAsAdvertising } from '../../helpers/marketing';
import { TextMeasurer, type TextMeasure } from '../../helpers/messageSegments';
import { MAX_SEGMENTS, messageTextProblem } from '../../helpers/messageText';
import { wholeNumberProblem } from '../../helpers/numberChecks';
import { SENDER_NAME_RULE, senderNameProblem } from '../../helpers/senderName';
import { inputError } from './itemErrors';
import { perItemParameter } from './parameters';

/** A year, in minutes: the furthest a delay or an expiration may reach. */
const MAX_MINUTES = 525_600;

export interface RecipientsAndText {
	recipients: string[];
	duplicatesRemoved: number;
	text: string;
	measure: TextMeasure;
}

/**
 * Reads the message parameters of a run's items, for SMS and voice calls alike: recipients, text,
 * sender, options and timing. Parameters without expressions are read once per run, and each
 * distinct text is measured once, so bulk runs do per item only what differs per item.
 */
export class MessageItemReader {
	private readonly recipientsOf: (itemIndex: number) => unknown;
	private readonly messageOf: (itemIndex: number) => unknown;
	private readonly senderOf: (itemIndex: number) => unknown;
	private readonly optionsOf: (itemIndex: number) => IDataObject;
	private readonly scheduleOf: (itemIndex: number) => unknown;
	private readonly delayOf: (itemIndex: number) => unknown;
	private readonly sendAtOf: (itemIndex: number) => unknown;
	private readonly measurer = new TextMeasurer();

	constructor(private readonly ctx: IExecuteFunctions) {
		this.recipientsOf = perItemParameter<unknown>(ctx, 'recipients', '');
		this.messageOf = perItemParameter<unknown>(ctx, 'message', '');
		this.senderOf = perItemParameter<unknown>(ctx, 'senderName', '');
		this.optionsOf = perItemParameter<IDataObject>(ctx, 'options', {});
		// Version 1.1 on; version 1 nodes have none of these and keep Delay and Send At in the options.
		this.scheduleOf = perItemParameter<unknown>(ctx, 'schedule', '');
		this.delayOf = perItemParameter<unknown>(ctx, 'delayMinutes', '');
		this.sendAtOf = perItemParameter<unknown>(ctx, 'sendAt', '');
	}

	options(itemIndex: number): IDataObject {
		return this.optionsOf(itemIndex);
	}

	/** The recipients, and the text as it will be sent (marked for advertising when asked). */
	recipientsAndText(itemIndex: number, options: IDataObject, kind: NumberKind = 'sms'): RecipientsAndText {
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

	/** The delivery delay (from the Schedule, or version 1's Delay or Send At option) and the Expiration option, in whole minutes. */
	timing(itemIndex: number, options: IDataObject): { delayMinutes: number; expirationMinutes: number } {
		const schedule = this.scheduleOf(itemIndex);
		const delayMinutes = schedule === '' || schedule === undefined ? readDelay(this.ctx, itemIndex, options) : this.scheduledDelay(itemIndex, schedule);
		return { delayMinutes, expirationMinutes: readMinutes(this.ctx, itemIndex, options, 'expirationMinutes', 'Expiration (Minutes)') };
	}

	private scheduledDelay(itemIndex: number, schedule: unknown): number {
		if (schedule === 'now') return 0;
		if (schedule === 'delay') return readMinutes(this.ctx, itemIndex, { delayMinutes: this.delayOf(itemIndex) } as IDataObject, 'delayMinutes', 'Delay (Minutes)');
		if (schedule === 'at') {
			const sendAt = this.sendAtOf(itemIndex);
			if (sendAt === '' || sendAt === null || sendAt === undefined) throw inputError(this.ctx, itemIndex, 'Send At', 'no date-time was given');
			return minutesUntil(this.ctx, itemIndex, sendAt);
		}
		const shown = String(schedule).slice(0, 40);
		throw inputError(this.ctx, itemIndex, 'Schedule', `"${shown}" is not one of "now", "delay", "at"`);
	}
}

function readMinutes(ctx: IExecuteFunctions, itemIndex: number, options: IDataObject, name: string, label: string): number {
	const value = options[name];
	if (value === undefined || value === '') return 0;
	const problem = wholeNumberProblem(value, 0, MAX_MINUTES);
	if (problem) throw inputError(ctx, itemIndex, label, `${problem}; give whole minutes from 0 to ${MAX_MINUTES}`);
	return Number(value);
}

/** The delivery delay in minutes: the Delay option, or the minutes until Send At in the workflow's time zone. */
function readDelay(ctx: IExecuteFunctions, itemIndex: number, options: IDataObject): number {
	const delay = readMinutes(ctx, itemIndex, options, 'delayMinutes', 'Delay (Minutes)');
	const sendAt = options.sendAt;
	if (sendAt === undefined || sendAt === '' || sendAt === null) return delay;
	if (options.delayMinutes !== undefined && options.delayMinutes !== 0) {
		throw inputError(ctx, itemIndex, 'Send At', 'give either Delay (Minutes) or Send At, not both');
	}
	return minutesUntil(ctx, itemIndex, sendAt);
}

/** The whole minutes until a Send At date-time in the workflow's time zone. */
function minutesUntil(ctx: IExecuteFunctions, itemIndex: number, sendAt: unknown): number {
	const text = typeof sendAt === 'object' && sendAt !== null && 'toISO' in sendAt ? String((sendAt as { toISO: () => string }).toISO()) : String(sendAt);
	const when = readDateTime(text, ctx.getTimezone());
	if (!when) throw inputError(ctx, itemIndex, 'Send At', `"${text}" is not a date-time`);
	const minutes = Math.ceil((when.getTime() - Date.now()) / 60_000);
	if (minutes <= 0) throw inputError(ctx, itemIndex, 'Send At', `${when.toISOString()} is in the past`);
	if (minutes > MAX_MINUTES) throw inputError(ctx, itemIndex, 'Send At', `${when.toISOString()} is more than a year ahead`);
	return minutes;
}
