import { IIS_ERROR_PAGE, LOGIN_PAGE, OK_PREFIXED, OTHER_XML } from './faults';
import { plainError, renderBare, soapFault, type AsmxAnswer } from './asmx/protocols';
import { escapeXml } from './asmx/xml';
import type { FaultRule } from './types';

const SMSCENTER_NS = 'http://www.smscenter.co.il/';
const WEBSERVICES_NS = 'http://www.smscenter.co.il/Web/WebServices/';

const xml = (body: string): AsmxAnswer => ({
	status: 200,
	contentType: 'text/xml; charset=utf-8',
	body,
});

/** A well-formed answer of the target method whose code (or login status) is `code`. */
export function answerWithCode(target: string, code: string): AsmxAnswer {
	const bare = (typeName: string, namespace: string, inner: string) =>
		xml(renderBare({ typeName, namespace, inner }));
	const text = escapeXml(code);
	switch (target) {
		case 'pushsms':
			return { status: 200, contentType: 'text/html; charset=utf-8', body: code };
		case 'SendMessagesV2':
			return bare('SendMessageReturnValues', SMSCENTER_NS, text);
		case 'GetMessagesResponseByMessageID':
			return bare(
				'IVRMessagesReturnResponse',
				'http://tempuri.org/',
				`<Login>${text}</Login><ArrIVRMessagesReturnResponse />`,
			);
		case 'CheckCompanyPrePaid':
			return bare(
				'CheckPrePaidResult',
				WEBSERVICES_NS,
				`<SMS>0</SMS><IVRSeconds>0</IVRSeconds><MMS>0</MMS><Result>${text}</Result>`,
			);
		case 'CheckUsersPrePaid':
			return bare(
				'UsersPrePaidResponse',
				WEBSERVICES_NS,
				`<CompanyWorkingInUserPrepaidMode>false</CompanyWorkingInUserPrepaidMode><Items /><ReturnValues>${text}</ReturnValues>`,
			);
		default:
			return bare(
				'SendMessageV2ReturnMessageID',
				SMSCENTER_NS,
				`<Response>${text}</Response><MessageID>0</MessageID>`,
			);
	}
}

/** The login as the request carried it: form fields, or the SOAP envelope's elements. */
function loginOf(body: string): { userName: string; password: string } {
	if (!body.trimStart().startsWith('<')) {
		const form = new URLSearchParams(body);
		return { userName: form.get('UserName') ?? '', password: form.get('Password') ?? '' };
	}
	const field = (name: string) =>
		(new RegExp(`<${name}>([^<]*)</${name}>`).exec(body)?.[1] ?? '')
			.replace(/&lt;/g, '<')
			.replace(/&gt;/g, '>')
			.replace(/&quot;/g, '"')
			.replace(/&apos;/g, "'")
			.replace(/&amp;/g, '&');
	return { userName: field('UserName'), password: field('Password') };
}

const htmlEncode = (text: string) =>
	text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');

/**
 * Answers that echo the request, login included, as servers and proxies in front of an ASP.NET
 * service do: the yellow error page of request validation, a proxy's 400 page, a SOAP fault quoting
 * the envelope, and an answer code that quotes the request.
 */
function echo(
	kind: 'echoAspNetError' | 'echoProxy400' | 'echoSoapFault' | 'echoAnswer',
	target: string,
	body: string,
): AsmxAnswer {
	const { userName, password } = loginOf(body);
	switch (kind) {
		case 'echoAspNetError': {
			const title = `A potentially dangerous Request.Form value was detected from the client (Password="${htmlEncode(password)}").`;
			return {
				status: 500,
				contentType: 'text/html; charset=utf-8',
				body:
					`<!DOCTYPE html>\r\n<html><head><title>${title}</title><style>body {font-family:"Verdana";font-weight:normal;font-size: .7em;color:black;}</style></head>` +
					`<body bgcolor="white"><span><H1>Server Error in '/Web' Application.<hr width=100% size=1 color=silver></H1><h2> <i>${title}</i> </h2></span>` +
					`<b> Exception Details: </b>System.Web.HttpRequestValidationException: the user ${htmlEncode(userName)} sent a potentially dangerous value.<br><br>` +
					`<b>Request body:</b><pre>${htmlEncode(body)}</pre><pre>${body}</pre></body></html>`,
			};
		}
		case 'echoProxy400':
			return {
				status: 400,
				contentType: 'text/html',
				body: `<html><body>Bad request from ${userName}/${password}: ${body}<hr><center>nginx</center></body></html>`,
			};
		case 'echoSoapFault':
			return soapFault(
				'soap:Server',
				`Server was unable to process request. ---> System.ArgumentException: invalid login ${userName} / ${password} in request: ${body}`,
			);
		case 'echoAnswer':
			return answerWithCode(target, `Unknown request for ${userName} with ${password}: ${body}`);
	}
}

/** The answer a fault gives in place of the gateway's, or undefined for faults that are not an answer. */
export function faultAnswer(
	fault: FaultRule,
	target: string,
	requestBody: string,
): AsmxAnswer | undefined {
	switch (fault.kind) {
		case 'http500':
			return {
				status: 500,
				contentType: 'text/html; charset=utf-8',
				body: IIS_ERROR_PAGE(500, 'Runtime Error'),
			};
		case 'http503':
			return {
				status: 503,
				contentType: 'text/html; charset=utf-8',
				body: IIS_ERROR_PAGE(503, 'Service Unavailable'),
			};
		case 'malformedXml':
			return xml(
				'<?xml version="1.0" encoding="utf-8"?>\r\n<SendMessageReturnValues xmlns="http://www.smscenter.co.il/">OK</Send',
			);
		case 'soapFault':
			return soapFault(
				'soap:Server',
				'Server was unable to process request. ---> System.Data.SqlClient.SqlException: Timeout expired.',
			);
		case 'emptyBody':
			return xml('');
		case 'unknownEnum':
			return target === 'pushsms'
				? answerWithCode(target, 'Something New Happened.')
				: answerWithCode(target, 'SomethingNew');
		case 'answerCode':
			return answerWithCode(target, fault.code ?? '');
		case 'loginPage':
			return { status: 200, contentType: 'text/html; charset=utf-8', body: LOGIN_PAGE };
		case 'otherXml':
			return xml(OTHER_XML);
		case 'okPrefixed':
			return { status: 200, contentType: 'text/plain; charset=utf-8', body: OK_PREFIXED };
		case 'echoAspNetError':
		case 'echoProxy400':
		case 'echoSoapFault':
		case 'echoAnswer':
			return echo(fault.kind, target, requestBody);
		case 'latency':
		case 'hang':
		case 'resetBeforeBody':
		case 'resetAfterBody':
			return undefined;
		default:
			return plainError(`Unknown fault ${String(fault.kind)}`);
	}
}
