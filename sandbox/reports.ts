/** Delivery reports: their texts under a profile, and the notification URL with the tokens filled. */
import { dlrTimestamp } from './israelTime';
import {
	DEFAULT_REASON,
	PROVIDER_MESSAGE_999,
	PROVIDER_MESSAGES,
	PROVIDER_STATUS,
	REASONS,
	STATUS_NAMES,
} from './deliveryCodes';
import type { ProfileBehaviour } from './profiles';

export interface DeliveryReport {
	messageId: string;
	msisdn: string;
	statusCode: number;
	reasonCode: number;
	statusDes: string;
	reasonDes: string;
	at: Date;
}

/** The document's table tokens other than the date, in the document's spelling. */
const TABLE_TOKENS = [
	'MsgID',
	'MSISDN',
	'StatusCode',
	'StatusDes',
	'ReasonCode',
	'ReasonDes',
] as const;

/** The query the sandbox appends to a URL that has no token, in the spelling of the document's table. */
export const DOCUMENT_TOKEN_QUERY =
	'MsgID={MsgID}&MSISDN={MSISDN}&StatusCode={StatusCode}&StatusDes={StatusDes}&ReasonCode={ReasonCode}&ReasonDes={ReasonDes}&Date={Dlr_ddmmyyyhhmmss}';

/** Builds a report for a status and reason, with StatusDes and ReasonDes as the profile sends them. */
export function describeReport(
	base: { messageId: string; msisdn: string; statusCode: number; reasonCode?: number; at: Date },
	behaviour: Pick<ProfileBehaviour, 'reportTexts'>,
): DeliveryReport {
	const statusCode = base.statusCode;
	let reasonCode = base.reasonCode ?? DEFAULT_REASON[statusCode] ?? 0;
	let statusDes = STATUS_NAMES[statusCode] ?? '';
	let reasonDes =
		reasonCode === 999 ? PROVIDER_MESSAGE_999 : (REASONS[reasonCode]?.description ?? '');
	if (behaviour.reportTexts === 'provider' && statusCode !== 200) {
		statusDes = PROVIDER_STATUS[statusCode] ?? statusDes;
		if (statusCode === 400 || statusCode === 700) {
			reasonDes = PROVIDER_MESSAGES[reasonCode] ?? PROVIDER_MESSAGE_999;
			reasonCode = 999;
		} else if (statusCode === 600) {
			reasonDes = 'Delivered to handset (err:000)';
		}
	}
	return {
		messageId: base.messageId,
		msisdn: base.msisdn,
		statusCode,
		reasonCode,
		statusDes,
		reasonDes,
		at: base.at,
	};
}

/**
 * Fills the notification URL's tokens, each value URL-encoded. Under `lenient` matching every token
 * spelling is filled in any letter case (including the document's example `{Des}` and `{DesCode}`);
 * under `exact` only the table's tokens in their exact case and the profile's date spellings. A token
 * the gateway does not know stays in the URL as it was written.
 */
export function fillReportUrl(
	template: string,
	report: DeliveryReport,
	behaviour: Pick<ProfileBehaviour, 'tokenMatch' | 'dateTokens'>,
): string {
	const values: Record<string, string> = {
		MsgID: report.messageId,
		MSISDN: report.msisdn,
		StatusCode: String(report.statusCode),
		StatusDes: report.statusDes,
		ReasonCode: String(report.reasonCode),
		ReasonDes: report.reasonDes,
	};
	const date = dlrTimestamp(report.at);
	const known = new Map<string, string>();
	if (behaviour.tokenMatch === 'lenient') {
		for (const [name, value] of Object.entries(values)) known.set(name.toLowerCase(), value);
		for (const spelling of ['Dlr_ddmmyyyhhmmss', 'DLR_DDMMYYYYHHMMSS'])
			known.set(spelling.toLowerCase(), date);
		known.set('des', report.reasonDes);
		known.set('descode', String(report.reasonCode));
	} else {
		for (const name of TABLE_TOKENS) known.set(name, values[name]);
		for (const spelling of behaviour.dateTokens) known.set(spelling, date);
	}
	return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
		const value = known.get(behaviour.tokenMatch === 'lenient' ? name.toLowerCase() : name);
		return value === undefined ? whole : encodeURIComponent(value);
	});
}

/** A notification URL: the URL itself when it has tokens, else the URL with the document's tokens appended. */
export function withTokens(url: string): string {
	if (/\{\w+\}/.test(url)) return url;
	return `${url}${url.includes('?') ? '&' : '?'}${DOCUMENT_TOKEN_QUERY}`;
}
