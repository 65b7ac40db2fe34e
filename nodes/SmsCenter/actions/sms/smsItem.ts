import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { splitEmails } from '../../helpers/emailAddresses';
import type { TextMeasure } from '../../helpers/messageSegments';
import { inputError } from '../common/itemErrors';
import type { MessageItemReader } from '../common/messageItems';
import { readNumber, readOption, readSentText, type NumberField } from '../common/parameterValues';
import { readWindowSetting, type WindowSetting } from '../common/sendWindow';

export const SMS_OPERATIONS = ['Push', 'Pull', 'ReverseBilling'] as const;
export type SmsOperation = (typeof SMS_OPERATIONS)[number];
export const MESSAGE_OPTION_CHOICES = ['auto', 'Concatenated', 'Regular', 'Reply'] as const;
export type MessageOption = Exclude<(typeof MESSAGE_OPTION_CHOICES)[number], 'auto'>;

/** The price a reverse billing recipient pays, in shekels: a few hundred at the very most. */
const PRICE: NumberField = { label: 'Price', min: 0, max: 1000, whole: false, fallback: 0 };

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
	/** Whether the user entered the expiration (otherwise it is the delay plus a day). */
	expirationSet: boolean;
	/** The Send Window, when the item has one. */
	window?: WindowSetting;
	messageOption: MessageOption;
	ccEmails: string[];
}

/** One item's SMS for the Send operation, every field checked. */
export function readSmsItem(
	ctx: IExecuteFunctions,
	reader: MessageItemReader,
	itemIndex: number,
): PreparedSms {
	const options = reader.options(itemIndex);
	const { recipients, duplicatesRemoved, text, measure } = reader.recipientsAndText(
		itemIndex,
		options,
	);
	const smsOperation = readOption(
		ctx,
		itemIndex,
		'SMS Operation',
		options.smsOperation,
		SMS_OPERATIONS,
		'Push',
	);
	const sender = reader.sender(itemIndex, smsOperation === 'Pull');

	const price = readNumber(ctx, itemIndex, options.price, PRICE);
	if (smsOperation === 'ReverseBilling' && price <= 0) {
		throw inputError(ctx, itemIndex, 'Price', 'a reverse billing message needs a price above zero');
	}

	const { emails, invalid } = splitEmails(
		readSentText(ctx, itemIndex, 'CC E-Mail Addresses', options.ccEmails),
	);
	if (invalid.length > 0)
		throw inputError(
			ctx,
			itemIndex,
			'CC E-Mail Addresses',
			`not an e-mail address: ${invalid.map((e) => `"${e}"`).join(', ')}`,
		);
	// Each CC address travels with one recipient (see `planEntries` in sendPlan.ts), as the gateway may pair them.
	if (emails.length > recipients.length)
		throw inputError(
			ctx,
			itemIndex,
			'CC E-Mail Addresses',
			`${emails.length} addresses for ${recipients.length} recipient${recipients.length === 1 ? '' : 's'}: SMSCenter may pair each CC address with a recipient, so give at most one address per recipient`,
		);

	const chosen = readOption(
		ctx,
		itemIndex,
		'Message Option',
		options.messageOption,
		MESSAGE_OPTION_CHOICES,
		'auto',
	);
	const messageOption: MessageOption =
		chosen === 'auto' ? (measure.segments > 1 ? 'Concatenated' : 'Regular') : chosen;

	return {
		itemIndex,
		recipients,
		duplicatesRemoved,
		text,
		measure,
		sender,
		smsOperation,
		price,
		...reader.timing(itemIndex, options),
		window: readWindowSetting(ctx, itemIndex, options),
		messageOption,
		ccEmails: emails,
	};
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
