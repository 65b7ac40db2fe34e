import type { AsmxProtocol } from '../protocol';
import { xmlTextProblem } from '../xmlCharacters';
import { ASMX_METHODS, PUSH_SMS_PATH, servicePath, type AsmxMethod } from './methods';

export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';
export const SOAP_CONTENT_TYPE = 'text/xml; charset=utf-8';

/** A request ready for the wire, except for the login, which the credential adds. */
export interface GatewayRequest {
	method: 'POST' | 'GET';
	url: string;
	headers: Record<string, string>;
	body: string;
	/** Query-string parameters, for the simple URL API sent as GET. */
	qs?: Record<string, string>;
}

/** Parameters in the order the gateway documents them, values already in invariant text. */
export type GatewayParams = Array<[name: string, value: string]>;

export function escapeXml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;')
		.replace(/\r/g, '&#xD;');
}

export function soapEnvelope(method: string, namespace: string, inner: string): string {
	return (
		'<?xml version="1.0" encoding="utf-8"?>' +
		'<soap:Envelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">' +
		`<soap:Body><${method} xmlns="${namespace}">${inner}</${method}></soap:Body></soap:Envelope>`
	);
}

/** A parameter holds a character XML cannot carry: refused before a request is built, in both protocols. */
export class UnsafeTextError extends Error {
	constructor(
		readonly parameter: string,
		readonly problem: string,
	) {
		super(`${parameter} ${problem}`);
	}
}

function checkTexts(params: GatewayParams): void {
	for (const [name, value] of params) {
		const problem = xmlTextProblem(value);
		if (problem) throw new UnsafeTextError(name, problem);
	}
}

export function buildAsmxRequest(
	method: AsmxMethod,
	params: GatewayParams,
	protocol: AsmxProtocol,
): GatewayRequest {
	checkTexts(params);
	if (protocol === 'soap11') {
		const { namespace } = ASMX_METHODS[method];
		const inner = params.map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`).join('');
		return {
			method: 'POST',
			url: servicePath(method),
			headers: { 'Content-Type': SOAP_CONTENT_TYPE, SOAPAction: `"${namespace}${method}"` },
			body: soapEnvelope(method, namespace, inner),
		};
	}
	return {
		method: 'POST',
		url: `${servicePath(method)}/${method}`,
		headers: { 'Content-Type': FORM_CONTENT_TYPE },
		body: new URLSearchParams(params).toString(),
	};
}

/**
 * How the simple URL API gets its parameters: a POST form (the default, so that the login never
 * appears in a URL), or the query string of a GET, as the API document's example URL and every
 * public client send them, for a server that reads only the URL.
 */
export type PushSmsSendAs = 'body' | 'query';

/** pushsms.aspx by POST, or by GET with the parameters in the query string. */
export function buildPushSmsRequest(
	params: GatewayParams,
	sendAs: PushSmsSendAs = 'body',
): GatewayRequest {
	checkTexts(params);
	if (sendAs === 'query')
		return {
			method: 'GET',
			url: PUSH_SMS_PATH,
			headers: {},
			body: '',
			qs: Object.fromEntries(params),
		};
	return {
		method: 'POST',
		url: PUSH_SMS_PATH,
		headers: { 'Content-Type': FORM_CONTENT_TYPE },
		body: new URLSearchParams(params).toString(),
	};
}
