import { isKnownAnswer } from '../../shared/statusCodes/answerCodes';
import { isAcceptedAnswer, messageIdOrNull } from '../../shared/transport/answerRules';
import {
	asObject,
	list,
	readBoolean,
	readDecimal,
	required,
	text,
	UnreadableAnswerError,
	type XmlValue,
} from '../../shared/transport/responseParser';

/**
 * Typed readings of each method's result element. Each reads the answer code first and the rest
 * only when the code says the request was carried out, so that an unexpected shape or type beside a
 * refusal never hides SMSCenter's code. Values are read as every type the document allows.
 */

/** `SendMessagesV2`: the result element holds the code as text, and nothing else. */
export function readSendCode(result: XmlValue): string {
	if (typeof result !== 'string')
		throw new UnreadableAnswerError('the answer is not a result code');
	const code = result.trim();
	if (code === '') throw new UnreadableAnswerError('the answer has no result code');
	return code;
}

/**
 * pushsms.aspx answers plain text: exactly `OK`, or one of the refusals the document lists. Any
 * other page (a login page, a proxy's error, text that merely starts with "OK") is unreadable.
 */
export function readPushSmsAnswer(body: string): string {
	const answer = body.trim();
	if (answer === 'OK' || isKnownAnswer(answer)) return answer;
	throw new UnreadableAnswerError('the answer is none of the answers pushsms.aspx documents');
}

export interface MessageIdAnswer {
	response: string;
	/** Null when the gateway created no message (it writes an empty ID, 0 or -1). */
	messageId: string | null;
}

export function readMessageIdAnswer(result: XmlValue): MessageIdAnswer {
	const fields = asObject(result);
	const response = required(fields, 'Response').trim();
	if (!isAcceptedAnswer(response)) return { response, messageId: null };
	const messageId = text(fields.MessageID).trim();
	if (messageId !== '' && !/^-?\d+$/.test(messageId))
		throw new UnreadableAnswerError(
			`SMSCenter answered ${response}, but its <MessageID> is not a number: "${messageId.slice(0, 40)}"`,
		);
	return { response, messageId: messageIdOrNull(messageId) };
}

export interface IvrResponseRow {
	mobile: string;
	/** As the gateway wrote it: a name of the document's IVRMessage Status table, or a number. */
	status: string;
	sendDate: string;
	callLength: number;
	response: string | null;
}

/** The `Login` code of GetMessagesResponseByMessageID. */
export function readIvrLogin(result: XmlValue): string {
	return required(asObject(result), 'Login').trim();
}

/** The rows of GetMessagesResponseByMessageID; read them once the `Login` code is accepted. */
export function readIvrRows(result: XmlValue): IvrResponseRow[] {
	return list(asObject(result).ArrIVRMessagesReturnResponse, 'IVRMessageReturnResponse').map(
		(row) => {
			const response = text(row.Response).trim();
			const length = text(row.CallLength).trim();
			return {
				mobile: required(row, 'Mobile').trim(),
				status: required(row, 'Status').trim(),
				sendDate: text(row.SendDate).trim(),
				callLength: length === '' ? 0 : readDecimal(length, 'CallLength'),
				response: response === '' ? null : response,
			};
		},
	);
}

export function readIvrResponses(result: XmlValue): { login: string; rows: IvrResponseRow[] } {
	const login = readIvrLogin(result);
	return { login, rows: isAcceptedAnswer(login) ? readIvrRows(result) : [] };
}

export interface CompanyBalance {
	result: string;
	sms: number;
	ivrSeconds: number;
	mms: number;
}

/** CheckCompanyPrePaid: the document types the balances as String; they may hold decimals. Zero when the Result is not OK. */
export function readCompanyBalance(result: XmlValue): CompanyBalance {
	const fields = asObject(result);
	const code = required(fields, 'Result').trim();
	const number = (name: string) => {
		const raw = text(fields[name]).trim();
		return raw === '' || code !== 'OK' ? 0 : readDecimal(raw, name);
	};
	return { result: code, sms: number('SMS'), ivrSeconds: number('IVRSeconds'), mms: number('MMS') };
}

export interface UserBalance {
	userName: string;
	sms: number;
	/** Null when the gateway wrote a value that is neither a boolean nor 1/0; `prepaidModeRaw` then holds it. */
	prepaidMode: boolean | null;
	prepaidModeRaw?: string;
}

/** `UserWorkingInPrePaidMode` is "Enumerator or Int32": true/false in any letter case, or 1/0. */
function readPrepaidMode(raw: string): Pick<UserBalance, 'prepaidMode' | 'prepaidModeRaw'> {
	const value = raw.trim().toLowerCase();
	if (value === 'true' || value === '1') return { prepaidMode: true };
	if (value === 'false' || value === '0' || value === '') return { prepaidMode: false };
	return { prepaidMode: null, prepaidModeRaw: raw.trim().slice(0, 40) };
}

/** CheckUsersPrePaid: users are read only when ReturnValues is OK. */
export function readUserBalances(result: XmlValue): {
	result: string;
	companyWorkingInUserPrepaidMode: boolean;
	users: UserBalance[];
} {
	const fields = asObject(result);
	const code = required(fields, 'ReturnValues').trim();
	if (code !== 'OK') return { result: code, companyWorkingInUserPrepaidMode: false, users: [] };
	return {
		result: code,
		companyWorkingInUserPrepaidMode: readBoolean(text(fields.CompanyWorkingInUserPrepaidMode)),
		users: list(fields.Items, 'UserPrePaid').map((user) => {
			const sms = text(user.SMS).trim();
			return {
				userName: required(user, 'UserName'),
				sms: sms === '' ? 0 : readDecimal(sms, 'SMS'),
				...readPrepaidMode(text(user.UserWorkingInPrePaidMode)),
			};
		}),
	};
}
