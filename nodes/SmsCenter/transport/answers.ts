import { isKnownAnswer } from '../../shared/statusCodes/answerCodes';
import { messageIdOrNull } from '../../shared/transport/answerRules';
import { asObject, list, readBoolean, readInteger, required, text, UnreadableAnswerError, type XmlValue } from '../../shared/transport/responseParser';

/** Typed readings of each method's result element. */

/** `SendMessagesV2`: the result element holds the code as text, and nothing else. */
export function readSendCode(result: XmlValue): string {
	if (typeof result !== 'string') throw new UnreadableAnswerError('the answer is not a result code');
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
	/** Null when the gateway created no message (it writes an empty ID or 0). */
	messageId: string | null;
}

export function readMessageIdAnswer(result: XmlValue): MessageIdAnswer {
	const fields = asObject(result);
	const response = required(fields, 'Response').trim();
	const messageId = text(fields.MessageID).trim();
	if (messageId !== '' && !/^\d+$/.test(messageId)) throw new UnreadableAnswerError(`<MessageID> is not a number: "${messageId}"`);
	return { response, messageId: messageIdOrNull(messageId) };
}

export interface IvrResponseRow {
	mobile: string;
	status: string;
	sendDate: string;
	callLength: number;
	response: string | null;
}

export function readIvrResponses(result: XmlValue): { login: string; rows: IvrResponseRow[] } {
	const fields = asObject(result);
	const login = required(fields, 'Login').trim();
	const rows = list(fields.ArrIVRMessagesReturnResponse, 'IVRMessageReturnResponse').map((row) => {
		const response = text(row.Response).trim();
		const length = text(row.CallLength).trim();
		return {
			mobile: required(row, 'Mobile').trim(),
			status: required(row, 'Status').trim(),
			sendDate: text(row.SendDate).trim(),
			callLength: length === '' ? 0 : readInteger(length, 'CallLength'),
			response: response === '' ? null : response,
		};
	});
	return { login, rows };
}

export interface CompanyBalance {
	result: string;
	sms: number;
	ivrSeconds: number;
	mms: number;
}

export function readCompanyBalance(result: XmlValue): CompanyBalance {
	const fields = asObject(result);
	const code = required(fields, 'Result').trim();
	const number = (name: string) => {
		const raw = text(fields[name]).trim();
		return raw === '' ? 0 : readInteger(raw, name);
	};
	return { result: code, sms: number('SMS'), ivrSeconds: number('IVRSeconds'), mms: number('MMS') };
}

export interface UserBalance {
	userName: string;
	sms: number;
	prepaidMode: boolean;
}

export function readUserBalances(result: XmlValue): { result: string; companyWorkingInUserPrepaidMode: boolean; users: UserBalance[] } {
	const fields = asObject(result);
	return {
		result: required(fields, 'ReturnValues').trim(),
		companyWorkingInUserPrepaidMode: readBoolean(text(fields.CompanyWorkingInUserPrepaidMode)),
		users: list(fields.Items, 'UserPrePaid').map((user) => {
			const sms = text(user.SMS).trim();
			const mode = text(user.UserWorkingInPrePaidMode).trim();
			return {
				userName: required(user, 'UserName'),
				sms: sms === '' ? 0 : readInteger(sms, 'SMS'),
				prepaidMode: mode === '1' || readBoolean(mode),
			};
		}),
	};
}
