import { DELIVERY_REASONS } from '../../shared/statusCodes/deliveryReasons';
import { DELIVERY_STATUSES } from '../../shared/statusCodes/deliveryStatuses';
import { parseDlrTimestamp } from '../../shared/dates';
import { normalisePhoneNumber } from '../../shared/phoneNumbers';
import { deliveryEventId, malformedEventId } from './eventId';
import { excerpt, MAX_MESSAGE_ID, NOTIFICATION_LIMITS } from './notificationLimits';

/**
 * The query to append to n8n's Production URL in SMSCenter's notification settings. The API document
 * spells the date token two ways (`{Dlr_ddmmyyyhhmmss}` in its table, `{DLR_DDMMYYYYHHMMSS}` in its
 * change log); both are asked for, and whichever the gateway fills is used.
 */
export const TOKEN_QUERY =
	'MsgID={MsgID}&MSISDN={MSISDN}&StatusCode={StatusCode}&StatusDes={StatusDes}&ReasonCode={ReasonCode}&ReasonDes={ReasonDes}&Date={Dlr_ddmmyyyhhmmss}&DlrDate={DLR_DDMMYYYYHHMMSS}';

/** Field names accepted for each token: the names above, then the document's example URL's names. */
const FIELD_NAMES = {
	messageId: ['MsgID', 'MessageID', 'MsgId'],
	msisdn: ['MSISDN', 'Mobile', 'Phone'],
	statusCode: ['StatusCode'],
	statusDescription: ['StatusDes', 'Status'],
	reasonCode: ['ReasonCode', 'DescriptionCode', 'DesCode'],
	reasonDescription: ['ReasonDes', 'Description', 'Des'],
	date: ['Date', 'DlrDate', 'Dlr', 'Dlr_ddmmyyyhhmmss', 'DLR_DDMMYYYYHHMMSS'],
} as const;

type Token = keyof typeof FIELD_NAMES;

const LIMIT_OF: Record<Token, number> = {
	messageId: NOTIFICATION_LIMITS.messageIdDigits,
	msisdn: NOTIFICATION_LIMITS.msisdnLength,
	statusCode: NOTIFICATION_LIMITS.codeLength,
	statusDescription: NOTIFICATION_LIMITS.textLength,
	reasonCode: NOTIFICATION_LIMITS.codeLength,
	reasonDescription: NOTIFICATION_LIMITS.textLength,
	date: NOTIFICATION_LIMITS.dateLength,
};

const TOKEN_OF_FIELD = new Map<string, Token>(
	(Object.entries(FIELD_NAMES) as Array<[Token, readonly string[]]>).flatMap(([token, names]) =>
		names.map((name) => [name.toLowerCase(), token] as [string, Token]),
	),
);

export const SECRET_FIELD = 'key';

/** A token the gateway did not fill arrives as written: `{MsgID}`. */
const LITERAL_TOKEN = /^\{[^{}]*\}$/;

const REASON_PROVIDER_MESSAGE = '999';

export interface DeliveryEvent {
	/** The same for every retry of the same report; see `deliveryEventId`. */
	eventId: string;
	/** False when the message ID or the status code is missing or unreadable, or a field is beyond what the gateway sends. */
	valid: boolean;
	problems: string[];
	messageId: string | null;
	msisdn: string | null;
	msisdnNormalised: string | null;
	status: {
		code: number | null;
		name: string | null;
		description: string | null;
		final: boolean;
		delivered: boolean;
		gatewayText: string | null;
	};
	reason: { code: number | null; description: string | null; gatewayText: string | null };
	deliveredAt: string | null;
	deliveredAtRaw: string | null;
	receivedAt: string;
	query: Record<string, string>;
}

/** Flattens query or form fields to strings; repeated fields keep their first value. */
export function flattenFields(source: unknown): Record<string, string> {
	const fields: Record<string, string> = {};
	if (!source || typeof source !== 'object') return fields;
	for (const [key, value] of Object.entries(source as Record<string, unknown>)) {
		const first = Array.isArray(value) ? value[0] : value;
		if (typeof first === 'string' || typeof first === 'number' || typeof first === 'boolean')
			fields[key] = String(first);
	}
	return fields;
}

interface Picked {
	value: string | null;
	/** A token name that arrived unfilled, when no field had a value. */
	literal: string | null;
	/** The field was there but beyond its bound, so it was not read (the bound problem says so). */
	oversized: boolean;
}

const hasOwn = (table: object, key: string): boolean =>
	Object.prototype.hasOwnProperty.call(table, key);

/** The first field with a real value among `names`: an empty value or an unfilled `{...}` token counts as missing. */
function pick(
	lowerFields: Map<string, string>,
	names: readonly string[],
	oversized: boolean,
): Picked {
	let literal: string | null = null;
	for (const name of names) {
		const value = lowerFields.get(name.toLowerCase())?.trim();
		if (value === undefined || value === '') continue;
		if (LITERAL_TOKEN.test(value)) {
			literal ??= value;
			continue;
		}
		return { value, literal: null, oversized };
	}
	return { value: null, literal, oversized };
}

/** Says that a field is missing, unless it was there but oversized (already reported). */
function reportMissing(problems: string[], label: string, picked: Picked): void {
	if (picked.oversized) return;
	problems.push(
		picked.literal === null
			? `${label} is missing`
			: `${label} arrived as the unfilled token ${excerpt(picked.literal)}`,
	);
}

/** Every field beyond what the gateway can send, described without echoing it whole. */
function boundProblems(fields: Record<string, string>): string[] {
	const problems: string[] = [];
	const names = Object.keys(fields);
	if (names.length > NOTIFICATION_LIMITS.fields)
		problems.push(
			`the notification has ${names.length} fields, more than the ${NOTIFICATION_LIMITS.fields} a notification can have`,
		);
	for (const name of names.slice(0, NOTIFICATION_LIMITS.fields)) {
		if (name.length > NOTIFICATION_LIMITS.fieldNameLength) {
			problems.push(
				`a field name of ${name.length} characters is longer than ${NOTIFICATION_LIMITS.fieldNameLength}`,
			);
			continue;
		}
		const value = fields[name].trim();
		const token = TOKEN_OF_FIELD.get(name.toLowerCase());
		const limit = token === undefined ? NOTIFICATION_LIMITS.textLength : LIMIT_OF[token];
		if (value.length > limit && !LITERAL_TOKEN.test(value))
			problems.push(
				`the field ${excerpt(name)} holds ${value.length} characters, more than the ${limit} SMSCenter sends`,
			);
	}
	return problems;
}

/** The fields as given (the secret removed), each value cut to its bound, at most the bounded number of fields. */
function echoedFields(fields: Record<string, string>): Record<string, string> {
	const echoed: Record<string, string> = {};
	for (const [name, value] of Object.entries(fields).slice(0, NOTIFICATION_LIMITS.fields)) {
		if (name.toLowerCase() === SECRET_FIELD || name.length > NOTIFICATION_LIMITS.fieldNameLength)
			continue;
		const token = TOKEN_OF_FIELD.get(name.toLowerCase());
		echoed[name] =
			value.length > (token === undefined ? NOTIFICATION_LIMITS.textLength : LIMIT_OF[token])
				? excerpt(value)
				: value;
	}
	return echoed;
}

function readMessageId(picked: Picked, problems: string[]): string | null {
	if (picked.value === null) {
		reportMissing(problems, 'the message ID (MsgID)', picked);
		return null;
	}
	if (!/^\d+$/.test(picked.value)) {
		problems.push(`the message ID "${excerpt(picked.value)}" is not a number`);
		return null;
	}
	if (
		picked.value.length > NOTIFICATION_LIMITS.messageIdDigits ||
		BigInt(picked.value) > MAX_MESSAGE_ID
	) {
		problems.push(
			`the message ID ${excerpt(picked.value)} is larger than a gateway message ID can be`,
		);
		return null;
	}
	return picked.value;
}

/**
 * Reads a delivery notification; whatever is wrong is listed in `problems`, nothing is dropped.
 * `extraProblems` are problems found before the fields were read (an oversized body, for example):
 * they make the event invalid.
 */
export function readNotification(
	fields: Record<string, string>,
	timeZone: string,
	receivedAt: Date,
	extraProblems: string[] = [],
): DeliveryEvent {
	const oversized = [...extraProblems, ...boundProblems(fields)];
	const problems: string[] = [...oversized];
	const lower = new Map<string, string>();
	const oversizedTokens = new Set<Token>();
	for (const [name, value] of Object.entries(fields).slice(0, NOTIFICATION_LIMITS.fields)) {
		const token = TOKEN_OF_FIELD.get(name.toLowerCase());
		// A known field beyond its bound is not read at all.
		if (
			token !== undefined &&
			value.trim().length > LIMIT_OF[token] &&
			!LITERAL_TOKEN.test(value.trim())
		) {
			oversizedTokens.add(token);
			continue;
		}
		if (!lower.has(name.toLowerCase())) lower.set(name.toLowerCase(), value);
	}
	const field = (token: Token) => pick(lower, FIELD_NAMES[token], oversizedTokens.has(token));

	const messageId = readMessageId(field('messageId'), problems);

	const msisdnField = field('msisdn');
	const msisdn = msisdnField.value;
	let msisdnNormalised: string | null = null;
	if (msisdn === null) reportMissing(problems, 'the phone number (MSISDN)', msisdnField);
	else {
		const phone = normalisePhoneNumber(msisdn, 'voice');
		if (phone.valid) msisdnNormalised = phone.number;
		else problems.push(`the phone number "${msisdn}" is not valid: ${phone.reason}`);
	}

	const statusField = field('statusCode');
	const statusText = statusField.value;
	const statusInfo =
		statusText !== null && hasOwn(DELIVERY_STATUSES, statusText)
			? DELIVERY_STATUSES[statusText]
			: undefined;
	if (statusText === null) reportMissing(problems, 'the status code (StatusCode)', statusField);
	else if (!statusInfo)
		problems.push(
			`the status code "${statusText}" is not one of ${Object.keys(DELIVERY_STATUSES).join(', ')}`,
		);

	const reasonField = field('reasonCode');
	const reasonText = reasonField.value;
	const reasonGatewayText = field('reasonDescription').value;
	const reasonIsNumber = reasonText !== null && /^\d+$/.test(reasonText);
	if (reasonText !== null && !reasonIsNumber)
		problems.push(`the reason code "${reasonText}" is not a number`);
	if (reasonText === null && reasonField.literal !== null)
		reportMissing(problems, 'the reason code (ReasonCode)', reasonField);
	const reasonMeaning =
		reasonIsNumber && hasOwn(DELIVERY_REASONS, reasonText)
			? DELIVERY_REASONS[reasonText]
			: undefined;

	const dateField = field('date');
	const dateText = dateField.value;
	let deliveredAt: string | null = null;
	if (dateText !== null) {
		deliveredAt = parseDlrTimestamp(dateText, timeZone) ?? null;
		if (deliveredAt === null) problems.push(`the date "${dateText}" is not DDMMYYYYHHMMSS`);
	} else if (dateField.literal !== null) reportMissing(problems, 'the date', dateField);

	const valid = messageId !== null && statusInfo !== undefined && oversized.length === 0;
	return {
		eventId: valid
			? deliveryEventId(messageId, msisdn, Number(statusText))
			: malformedEventId(echoedFields(fields)),
		valid,
		problems,
		messageId,
		msisdn,
		msisdnNormalised,
		status: {
			code: statusInfo ? Number(statusText) : null,
			name: statusInfo?.name ?? null,
			description: statusInfo?.description ?? null,
			final: statusInfo?.final ?? false,
			delivered: statusInfo?.delivered ?? false,
			gatewayText: field('statusDescription').value,
		},
		reason: {
			code: reasonIsNumber ? Number(reasonText) : null,
			// Reason 999: the gateway passes on the provider's own message, which is the only description there is.
			description:
				reasonText === REASON_PROVIDER_MESSAGE
					? (reasonGatewayText ?? "The cellular provider's own message (none was sent)")
					: (reasonMeaning ?? reasonGatewayText),
			gatewayText: reasonGatewayText,
		},
		deliveredAt,
		deliveredAtRaw: dateText,
		receivedAt: receivedAt.toISOString(),
		query: echoedFields(fields),
	};
}
