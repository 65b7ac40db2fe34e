import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { readDateTime } from '../../../shared/dates';
import { normaliseRecipients, type NumberKind } from '../../../shared/phoneNumbers';
import { DEFAULT_OPT_OUT_LINE, markAsAdvertising } from '../../helpers/marketing';
import { TextMeasurer, type TextMeasure } from '../../helpers/messageSegments';
import {
	MAX_CHARACTERS,
	MAX_SEGMENTS,
	messageTextProblem,
	SEGMENT_WARNING,
} from '../../helpers/messageText';
import { describeValue, wholeNumberProblem } from '../../helpers/numberChecks';
import { checkSenderName } from '../../helpers/senderName';
import { DEFAULT_EXPIRATION_MINUTES } from './fields';
import { inputError } from './itemErrors';
import { readCollection, readFlag, readSentText, readText } from './parameterValues';
import { perItemParameter } from './parameters';

/** Recipients are text, a number, or an array of them (also nested); anything else is refused, never skipped. */
function recipientsShapeProblem(value: unknown, depth = 0): string | undefined {
	if (value === undefined || value === null || typeof value === 'string') return undefined;
	if (typeof value === 'number')
		return Number.isFinite(value) ? undefined : `${describeValue(value)} is not a phone number`;
	if (!Array.isArray(value))
		return `${describeValue(value)} is not a phone number or a list of them`;
	if (depth >= 5) return 'the list is nested more than five deep';
	for (const entry of value) {
		const problem = recipientsShapeProblem(entry, depth + 1);
		if (problem) return `the list holds ${problem.replace(/ or a list of them$/, '')}`;
	}
	return undefined;
}

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

	constructor(
		private readonly ctx: IExecuteFunctions,
		/** Told of what SMSCenter or an operator may refuse, which the node leaves to them. */
		private readonly warn: (itemIndex: number, text: string) => void = () => {},
	) {
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
		return readCollection(this.ctx, itemIndex, 'Options', this.optionsOf(itemIndex));
	}

	/** The recipients, and the text as it will be sent (marked for advertising when asked). */
	recipientsAndText(
		itemIndex: number,
		options: IDataObject,
		kind: NumberKind = 'sms',
	): RecipientsAndText {
		const { ctx } = this;
		const given = this.recipientsOf(itemIndex);
		const shape = recipientsShapeProblem(given);
		if (shape) throw inputError(ctx, itemIndex, 'Recipients', shape);
		const list = normaliseRecipients(given, kind);
		if (list.invalid.length > 0) {
			const shown = list.invalid.map((entry) => `"${entry.input}" (${entry.reason})`).join(', ');
			throw inputError(
				ctx,
				itemIndex,
				'Recipients',
				`invalid phone number ${shown}`,
				'Use numbers such as 0541234567 or +972541234567. Nothing was sent for this item.',
			);
		}
		if (list.numbers.length === 0)
			throw inputError(ctx, itemIndex, 'Recipients', 'no recipient was given');

		const message = readText(ctx, itemIndex, 'Message', this.messageOf(itemIndex));
		const textProblem = messageTextProblem(message);
		if (textProblem) throw inputError(ctx, itemIndex, 'Message', textProblem);
		const advertising = readFlag(ctx, itemIndex, 'Advertising Message', options.advertising, false);
		const text = advertising
			? markAsAdvertising(
					message,
					readSentText(ctx, itemIndex, 'Opt-Out Line', options.optOutLine, DEFAULT_OPT_OUT_LINE),
				)
			: message;
		if (text.length > MAX_CHARACTERS) {
			throw inputError(
				ctx,
				itemIndex,
				'Message',
				`the text has ${text.length} characters; an SMS has at most ${MAX_SEGMENTS} parts (3GPP TS 23.040), at most ${MAX_CHARACTERS} characters`,
			);
		}
		const measure = this.measurer.measure(text);
		if (measure.segments > MAX_SEGMENTS) {
			throw inputError(
				ctx,
				itemIndex,
				'Message',
				`the text needs ${measure.segments} SMS segments (${measure.characters} ${measure.encoding} characters); an SMS has at most ${MAX_SEGMENTS} parts (3GPP TS 23.040)`,
			);
		}
		if (measure.segments > SEGMENT_WARNING) {
			this.warn(
				itemIndex,
				`the message needs ${measure.segments} SMS segments (${measure.encoding}). The API document states no limit, but operators commonly cut messages of more than ${SEGMENT_WARNING} parts; each segment is billed.`,
			);
		}
		return { recipients: list.numbers, duplicatesRemoved: list.duplicates, text, measure };
	}

	sender(itemIndex: number, optional = false): string {
		const sender = readText(this.ctx, itemIndex, 'Sender Name', this.senderOf(itemIndex)).trim();
		if (optional && sender === '') return sender;
		const verdict = checkSenderName(sender);
		if (verdict.problem) throw inputError(this.ctx, itemIndex, 'Sender Name', verdict.problem);
		if (verdict.warning) this.warn(itemIndex, verdict.warning);
		return sender;
	}

	/**
	 * The delivery delay (from the Schedule, or version 1's Delay or Send At option) and the Expiration
	 * option, in whole minutes. An expiration the user did not set is the delay plus a day, so the
	 * message never expires before its own send time.
	 */
	timing(
		itemIndex: number,
		options: IDataObject,
	): { delayMinutes: number; expirationMinutes: number; expirationSet: boolean } {
		const schedule = this.scheduleOf(itemIndex);
		const delayMinutes =
			schedule === '' || schedule === undefined
				? readDelay(this.ctx, itemIndex, options)
				: this.scheduledDelay(itemIndex, schedule);
		const unset =
			options.expirationMinutes === undefined ||
			options.expirationMinutes === '' ||
			options.expirationMinutes === null;
		return {
			delayMinutes,
			expirationMinutes: unset
				? delayMinutes + DEFAULT_EXPIRATION_MINUTES
				: readMinutes(this.ctx, itemIndex, options, 'expirationMinutes', 'Expiration (Minutes)'),
			expirationSet: !unset,
		};
	}

	private scheduledDelay(itemIndex: number, schedule: unknown): number {
		if (schedule === 'now') return 0;
		if (schedule === 'delay')
			return readMinutes(
				this.ctx,
				itemIndex,
				{ delayMinutes: this.delayOf(itemIndex) } as IDataObject,
				'delayMinutes',
				'Delay (Minutes)',
			);
		if (schedule === 'at') {
			const sendAt = this.sendAtOf(itemIndex);
			if (sendAt === '' || sendAt === null || sendAt === undefined)
				throw inputError(this.ctx, itemIndex, 'Send At', 'no date-time was given');
			return minutesUntil(this.ctx, itemIndex, sendAt);
		}
		const shown = String(schedule).slice(0, 40);
		throw inputError(
			this.ctx,
			itemIndex,
			'Schedule',
			`"${shown}" is not one of "now", "delay", "at"`,
		);
	}
}

function readMinutes(
	ctx: IExecuteFunctions,
	itemIndex: number,
	options: IDataObject,
	name: string,
	label: string,
): number {
	const value = options[name];
	if (value === undefined || value === '' || value === null) return 0;
	const problem = wholeNumberProblem(value, 0, MAX_MINUTES);
	if (problem)
		throw inputError(
			ctx,
			itemIndex,
			label,
			`${problem}; give whole minutes from 0 to ${MAX_MINUTES}`,
		);
	return Number(typeof value === 'string' ? value.trim() : value);
}

/** A date-time parameter as text: ISO text as given, a Luxon DateTime or a JS Date from an expression as ISO text. */
function dateTimeText(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
	const toISO = (value as { toISO?: unknown } | null)?.toISO;
	if (typeof value === 'object' && typeof toISO === 'function') {
		const text: unknown = toISO.call(value);
		return typeof text === 'string' ? text : undefined;
	}
	return undefined;
}

/** The delivery delay in minutes: the Delay option, or the minutes until Send At in the workflow's time zone. */
function readDelay(ctx: IExecuteFunctions, itemIndex: number, options: IDataObject): number {
	const delay = readMinutes(ctx, itemIndex, options, 'delayMinutes', 'Delay (Minutes)');
	const sendAt = options.sendAt;
	if (sendAt === undefined || sendAt === '' || sendAt === null) return delay;
	if (delay !== 0)
		throw inputError(ctx, itemIndex, 'Send At', 'give either Delay (Minutes) or Send At, not both');
	return minutesUntil(ctx, itemIndex, sendAt);
}

/** The whole minutes until a Send At date-time in the workflow's time zone. */
function minutesUntil(ctx: IExecuteFunctions, itemIndex: number, sendAt: unknown): number {
	const text = dateTimeText(sendAt);
	if (text === undefined)
		throw inputError(ctx, itemIndex, 'Send At', `${describeValue(sendAt)} is not a date-time`);
	const when = readDateTime(text, ctx.getTimezone());
	if (!when)
		throw inputError(ctx, itemIndex, 'Send At', `${describeValue(text)} is not a date-time`);
	const minutes = Math.ceil((when.getTime() - Date.now()) / 60_000);
	if (minutes <= 0)
		throw inputError(ctx, itemIndex, 'Send At', `${when.toISOString()} is in the past`);
	if (minutes > MAX_MINUTES)
		throw inputError(ctx, itemIndex, 'Send At', `${when.toISOString()} is more than a year ahead`);
	return minutes;
}
