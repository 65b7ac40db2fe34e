import { DELIVERY_REASONS } from '../../shared/statusCodes/deliveryReasons';
import { DELIVERY_STATUSES } from '../../shared/statusCodes/deliveryStatuses';
import { parseDlrTimestamp } from '../../shared/dates';
import { normalisePhoneNumber } from '../../shared/phoneNumbers';

/** The query to append to n8n's Production URL in SMSCenter's notification settings. */
export const TOKEN_QUERY =
	'MsgID={MsgID}&MSISDN={MSISDN}&StatusCode={StatusCode}&StatusDes={StatusDes}&ReasonCode={ReasonCode}&ReasonDes={ReasonDes}&Date={Dlr_ddmmyyyhhmmss}';

/** Field names accepted for each token: the names above, then the document's example URL's names. */
const FIELD_NAMES = {
	messageId: ['MsgID', 'MessageID', 'MsgId'],
	msisdn: ['MSISDN', 'Mobile', 'Phone'],
	statusCode: ['StatusCode'],
	statusDescription: ['StatusDes', 'Status'],
	reasonCode: ['ReasonCode', 'DescriptionCode', 'DesCode'],
	reasonDescription: ['ReasonDes', 'Description', 'Des'],
	date: ['Date', 'Dlr', 'DlrDate', 'Dlr_ddmmyyyhhmmss'],
} as const;

export const SECRET_FIELD = 'key';

export interface DeliveryEvent {
	valid: boolean;
	problems: string[];
	messageId: string | null;
	msisdn: string | null;
	msisdnNormalised: string | null;
	status: { code: number | null; name: string | null; description: string | null; final: boolean; delivered: boolean; gatewayText: string | null };
	reason: { code: number | null; description: string | null };
	deliveredAt: string | null;
	deliveredAtRaw: string | null;
	receivedAt: string;
	query: Record<string, string>;
}

function pick(fields: Record<string, string>, names: readonly string[]): string | null {
	const lower = new Map(Object.entries(fields).map(([k, v]) => [k.toLowerCase(), v]));
	for (const name of names) {
		const value = lower.get(name.toLowerCase());
		if (value !== undefined && value.trim() !== '') return value.trim();
	}
	return null;
}

/** Flattens query or form fields to strings; repeated fields keep their first value. */
export function flattenFields(source: unknown): Record<string, string> {
	const fields: Record<string, string> = {};
	if (!source || typeof source !== 'object') return fields;
	for (const [key, value] of Object.entries(source as Record<string, unknown>)) {
		const first = Array.isArray(value) ? value[0] : value;
		if (typeof first === 'string' || typeof first === 'number' || typeof first === 'boolean') fields[key] = String(first);
	}
	return fields;
}

/** Reads a delivery notification; whatever is wrong is listed in `problems`, nothing is dropped. */
export function readNotification(fields: Record<string, string>, timeZone: string, receivedAt: Date): DeliveryEvent {
	const problems: string[] = [];
	const query = Object.fromEntries(Object.entries(fields).filter(([k]) => k.toLowerCase() !== SECRET_FIELD));

	const messageId = pick(fields, FIELD_NAMES.messageId);
	if (messageId === null) problems.push('the message ID (MsgID) is missing');
	else if (!/^\d+$/.test(messageId)) problems.push(`the message ID "${messageId}" is not a number`);

	const msisdn = pick(fields, FIELD_NAMES.msisdn);
	let msisdnNormalised: string | null = null;
	if (msisdn === null) problems.push('the phone number (MSISDN) is missing');
	else {
		const phone = normalisePhoneNumber(msisdn, 'voice');
		if (phone.valid) msisdnNormalised = phone.number;
		else problems.push(`the phone number "${msisdn}" is not valid: ${phone.reason}`);
	}

	const statusText = pick(fields, FIELD_NAMES.statusCode);
	const statusInfo = statusText === null ? undefined : DELIVERY_STATUSES[statusText];
	if (statusText === null) problems.push('the status code (StatusCode) is missing');
	else if (!statusInfo) problems.push(`the status code "${statusText}" is not one of 200, 300, 400, 500, 600, 700`);

	const reasonText = pick(fields, FIELD_NAMES.reasonCode);
	const reasonDescription = pick(fields, FIELD_NAMES.reasonDescription);
	if (reasonText !== null && !/^\d+$/.test(reasonText)) problems.push(`the reason code "${reasonText}" is not a number`);

	const dateText = pick(fields, FIELD_NAMES.date);
	let deliveredAt: string | null = null;
	if (dateText !== null) {
		deliveredAt = parseDlrTimestamp(dateText, timeZone) ?? null;
		if (deliveredAt === null) problems.push(`the date "${dateText}" is not DDMMYYYYHHMMSS`);
	}

	return {
		valid: problems.length === 0,
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
			gatewayText: pick(fields, FIELD_NAMES.statusDescription),
		},
		reason: {
			code: reasonText !== null && /^\d+$/.test(reasonText) ? Number(reasonText) : null,
			description: (reasonText !== null ? DELIVERY_REASONS[reasonText] : undefined) ?? reasonDescription,
		},
		deliveredAt,
		deliveredAtRaw: dateText,
		receivedAt: receivedAt.toISOString(),
		query,
	};
}
