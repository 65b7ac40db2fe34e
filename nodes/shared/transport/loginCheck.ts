import type { AsmxProtocol } from '../protocol';
import { describeAnswer } from '../statusCodes/answerCodes';
import { isLoginRefusal } from './answerRules';
import type { GatewayLogin } from './login';
import { buildAsmxRequest, escapeXml, type GatewayRequest } from './requestBuilder';
import {
	asObject,
	readAsmxResult,
	required,
	SoapFaultError,
	UnreadableAnswerError,
} from './responseParser';

/**
 * The credential test's login check. It calls `CheckCompanyPrePaid`, the one method that takes
 * nothing but the login, and reads its `Result`. The API document reserves that method for
 * back-office administrators, so any answer except a refusal of the login itself lets the
 * credential pass: an ordinary API user or a company that is not prepaid can still send.
 */
export const LOGIN_CHECK_METHOD = 'CheckCompanyPrePaid';

export function loginCheckRequest(protocol: AsmxProtocol): GatewayRequest {
	return buildAsmxRequest(LOGIN_CHECK_METHOD, [], protocol);
}

export type LoginVerdict = { works: true; code: string } | { works: false; message: string };

export interface LoginCheckAnswer {
	statusCode: number;
	body: string;
	/** The Location header of a redirect. */
	location?: string;
}

/** Removes the password, in the forms a request can carry it, from text that came back from the server. */
export function withoutPassword(text: string, login: GatewayLogin): string {
	if (login.password === '') return text;
	const forms = new Set([
		login.password,
		encodeURIComponent(login.password),
		new URLSearchParams([['p', login.password]]).toString().slice(2),
		escapeXml(login.password),
	]);
	let cleaned = text;
	for (const form of forms) cleaned = cleaned.split(form).join('***');
	return cleaned;
}

/** The first meaningful words of a server's text: tags and CSS removed, one line, bounded. */
function firstWords(text: string, login: GatewayLogin): string {
	const plain = text
		.replace(/<style[\s\S]*?<\/style>/gi, ' ')
		.replace(/<[^>]*>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return withoutPassword(plain, login).slice(0, 200);
}

function redirectHost(location: string | undefined): string {
	if (!location || !URL.canParse(location, 'http://placeholder')) return 'another address';
	const url = new URL(location, 'http://placeholder');
	return url.host === 'placeholder' ? 'another path' : url.host;
}

/** What the check's answer says about the login. */
export function judgeLoginAnswer(
	answer: LoginCheckAnswer,
	protocol: AsmxProtocol,
	login: GatewayLogin,
): LoginVerdict {
	const { statusCode, body } = answer;
	if (statusCode >= 300 && statusCode < 400) {
		return {
			works: false,
			message: `The SMSCenter base URL answered with a redirect (HTTP ${statusCode} to ${redirectHost(answer.location)}), which was not followed so that the login goes nowhere else. Enter the address SMSCenter gave you as the Base URL.`,
		};
	}
	let code: string;
	try {
		code = required(asObject(readAsmxResult(body, LOGIN_CHECK_METHOD)), 'Result').trim();
	} catch (error) {
		if (error instanceof SoapFaultError) {
			return {
				works: false,
				message: `SMSCenter answered ${LOGIN_CHECK_METHOD} with a SOAP fault: ${withoutPassword(`${error.faultCode}: ${error.faultString}`, login).slice(0, 200)}`,
			};
		}
		const formOff =
			protocol === 'httpPost' && statusCode === 500 && /Request format is unrecognized/i.test(body);
		const hint = formOff
			? 'The server does not take the HTTP POST form: choose SOAP 1.1 as the Web Service Protocol.'
			: 'Check the Base URL and the Web Service Protocol.';
		const why =
			statusCode >= 400
				? `HTTP ${statusCode}`
				: error instanceof UnreadableAnswerError
					? error.message
					: 'an answer that could not be read';
		const words = firstWords(body, login);
		return {
			works: false,
			message: `SMSCenter did not answer the login check (${LOGIN_CHECK_METHOD}) as expected: ${why}.${words ? ` The answer began: "${words}".` : ''} ${hint}`,
		};
	}
	if (isLoginRefusal(code)) {
		const { meaning, action } = describeAnswer(code);
		return {
			works: false,
			message: `SMSCenter refused the login: ${code}. ${meaning}${action ? ` ${action}` : ''}`,
		};
	}
	return { works: true, code };
}

/**
 * Why a prepaid method answered something other than OK for a login that works: the API document
 * describes both prepaid methods as back-office administrator methods, so an ordinary API user,
 * or a company that is not prepaid, may be refused them while its sends go through.
 */
export function adminMethodNote(method: string, code: string): string {
	return `SMSCenter accepted the login but did not give the balance (${method} answered ${code}). The API document reserves ${method} for back-office administrators, so an ordinary API user or a company that is not prepaid may get this answer; sending is not affected. Ask SMSCenter support if this login should read balances.`;
}
