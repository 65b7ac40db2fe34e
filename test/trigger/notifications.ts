import { request } from 'undici';

/** Shared by the trigger tests: a secret, a genuine notification's fields and plain HTTP calls. */
export const SECRET = 'Zq8rT3vW9xY2aB5cD7eF1gH4';

export const DELIVERED: Record<string, string> = {
	key: SECRET,
	MsgID: '1000001',
	MSISDN: '972541234560',
	StatusCode: '600',
	StatusDes: 'Delivered',
	ReasonCode: '601',
	ReasonDes: 'Message delivered',
	Date: '25112026093000',
};

export function notification(base: string, fields: Record<string, string>): string {
	return `${base}?${new URLSearchParams(fields).toString()}`;
}

export async function call(
	url: string,
	init: { method?: 'GET' | 'POST'; body?: string; headers?: Record<string, string> } = {},
) {
	const headers = {
		...(init.body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
		...init.headers,
	};
	const response = await request(url, { method: init.method ?? 'GET', body: init.body, headers });
	return { status: response.statusCode, body: await response.body.text() };
}
