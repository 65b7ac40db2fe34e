/** A hand-made delivery report for any URL: the CLI's `send-report` and `POST /__sandbox/send-report`. */
import { DEFAULT_REASON, statusOfReason } from './deliveryCodes';
import { findProfile } from './profiles';
import { describeReport, fillReportUrl, withTokens } from './reports';
import type { DlrTarget } from './dlr';

export interface SampleReportRequest {
	/** The customer's URL: with the document's tokens, or without any (the document's token query is then appended). */
	url: string;
	messageId?: string;
	msisdn?: string;
	/** Default 600, or the status of `reasonCode` when only that is given. */
	statusCode?: number;
	/** Default: the status's usual reason (601 for 600, 703 for 700...). */
	reasonCode?: number;
	/** Replace the texts the profile would send. */
	statusDes?: string;
	reasonDes?: string;
	/** The delivery time (ISO 8601); default now. */
	at?: string;
	/** Which profile fills the tokens and words the texts; default `standard`. */
	profile?: string;
}

function code(value: unknown, name: string): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const number = Number(value);
	if (!Number.isInteger(number) || number < 0 || number > 9999)
		throw new Error(`${name} must be a whole number from 0 to 9999`);
	return number;
}

/** Validates the request and fills the URL; throws with a plain message on a bad field. */
export function buildSampleReport(request: SampleReportRequest): DlrTarget {
	if (typeof request.url !== 'string' || !URL.canParse(request.url))
		throw new Error('url must be an http:// or https:// URL');
	if (!/^https?:$/.test(new URL(request.url).protocol))
		throw new Error('url must be an http:// or https:// URL');
	const profile = findProfile(request.profile);
	const reasonCode = code(request.reasonCode, 'reasonCode');
	const statusCode =
		code(request.statusCode, 'statusCode') ??
		(reasonCode !== undefined ? statusOfReason(reasonCode) : undefined) ??
		600;
	const at = request.at === undefined ? new Date() : new Date(request.at);
	if (Number.isNaN(at.getTime())) throw new Error('at must be an ISO 8601 date');
	const messageId = String(request.messageId ?? '1000001');
	const msisdn = String(request.msisdn ?? '972541234560');
	const report = describeReport(
		{ messageId, msisdn, statusCode, reasonCode: reasonCode ?? DEFAULT_REASON[statusCode], at },
		profile.behaviour,
	);
	if (request.statusDes !== undefined) report.statusDes = String(request.statusDes);
	if (request.reasonDes !== undefined) report.reasonDes = String(request.reasonDes);
	return {
		url: fillReportUrl(withTokens(request.url), report, profile.behaviour),
		messageId,
		msisdn,
		statusCode,
	};
}
