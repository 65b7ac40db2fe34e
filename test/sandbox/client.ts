import { request } from 'undici';

export interface RawResponse {
	status: number;
	contentType: string;
	body: string;
}

async function send(url: string, init: Parameters<typeof request>[1]): Promise<RawResponse> {
	const response = await request(url, init);
	return {
		status: response.statusCode,
		contentType: String(response.headers['content-type'] ?? ''),
		body: await response.body.text(),
	};
}

/** ASMX HttpPost: one form field per parameter. */
export async function postForm(
	base: string,
	path: string,
	fields: Record<string, string>,
): Promise<RawResponse> {
	return await send(`${base}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(fields).toString(),
	});
}

const escape = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** SOAP 1.1: the envelope, with the SOAPAction header of the method. */
export async function postSoap(
	base: string,
	path: string,
	namespace: string,
	method: string,
	fields: Record<string, string>,
	action = `"${namespace}${method}"`,
): Promise<RawResponse> {
	const inner = Object.entries(fields)
		.map(([name, value]) => `<${name}>${escape(value)}</${name}>`)
		.join('');
	const body = `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><${method} xmlns="${namespace}">${inner}</${method}></soap:Body></soap:Envelope>`;
	return await send(`${base}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: action },
		body,
	});
}

export async function get(
	base: string,
	path: string,
	query: Record<string, string>,
): Promise<RawResponse> {
	return await send(`${base}${path}?${new URLSearchParams(query).toString()}`, { method: 'GET' });
}

/** The demo account's login, as the ASMX methods take it. */
export const DEMO_LOGIN = { UserName: 'demo', Password: 'demo-api-key' };

/** Every field of an SMS send (SendMessagesV2, SendMessageReturnMessageID), one Push to one mobile. */
export const smsForm = (
	login: Record<string, string> = DEMO_LOGIN,
	overrides: Record<string, string> = {},
): Record<string, string> => ({
	...login,
	SenderName: 'Shop',
	SendToPhoneNumbers: '0541234560',
	CCToEmail: '',
	Message: 'Hello',
	SMSOperation: 'Push',
	DeliveryDelayInMinutes: '0',
	ExpirationDelayInMinutes: '0',
	MessageOption: 'Regular',
	Price: '0',
	...overrides,
});
