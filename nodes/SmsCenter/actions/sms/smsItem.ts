import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { splitEmails } from '../../helpers/emailAddresses';
import type { TextMeasure } from '../../helpers/messageSegments';
import { inputError } from '../common/itemErrors';
import type { MessageItemReader } from '../common/messageItems';

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

/** One item's SMS for the Send operation, every field checked. */
export function readSmsItem(ctx: IExecuteFunctions, reader: MessageItemReader, itemIndex: number): PreparedSms {
	const options = reader.options(itemIndex);
	const { recipients, duplicatesRemoved, text, measure } = reader.recipientsAndText(itemIndex, options);
	const smsOperation = ((options.smsOperation as string | undefined) ?? 'Push') as SmsOperation;
	const sender = reader.sender(itemIndex, smsOperation === 'Pull');

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
		...reader.timing(itemIndex, options),
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
