import { escapeXml, FORM_CONTENT_TYPE } from './requestBuilder';

export interface GatewayLogin {
	username: string;
	password: string;
}

/** The login fields of the stored credential, as text (n8n hands them over untyped). */
export function loginOf(credentials: { username?: unknown; password?: unknown }): GatewayLogin {
	return {
		username: String(credentials.username ?? ''),
		password: String(credentials.password ?? ''),
	};
}

/** The credential cannot be used as it is (wrong login, base URL refused); raised before anything is sent. */
export class CredentialSetupError extends Error {}

export const DEFAULT_BASE_URL = 'https://www.smscenter.co.il';

const LOOPBACK_HOSTS = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

function parsedBaseUrl(raw: string | undefined): URL {
	const text = (raw ?? '').trim() || DEFAULT_BASE_URL;
	if (!URL.canParse(text))
		throw new CredentialSetupError(
			`The SMSCenter base URL "${text}" is not a URL. Use for example ${DEFAULT_BASE_URL}`,
		);
	return new URL(text);
}

/**
 * The base URL to call, without a trailing slash. The service demands TLS: plain http is refused
 * unless the host is loopback or the user allowed insecure HTTP for an on-premises install.
 */
export function checkedBaseUrl(raw: string | undefined, allowInsecureHttp: boolean): string {
	const url = parsedBaseUrl(raw);
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new CredentialSetupError(
			`The SMSCenter base URL must start with https:// (it starts with ${url.protocol}//)`,
		);
	}
	if (url.protocol === 'http:' && !allowInsecureHttp && !LOOPBACK_HOSTS.test(url.hostname)) {
		throw new CredentialSetupError(
			'SMSCenter only accepts HTTPS: change the base URL to https://, or turn on "Allow Insecure HTTP (On-Premises Only)" in the credential for an on-premises server without TLS',
		);
	}
	return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** The start of a SOAP method element inside the envelope's Body, whatever the prefixes. */
const SOAP_METHOD_OPENING = /<(?:[\w.-]+:)?Body\b[^>]*>\s*<([\w.-]+:)?[\w.-]+\b[^>]*>/;

/**
 * Puts the login into a request body: first in the form, or first inside the SOAP method element,
 * where the gateway documents `UserName` and `Password`.
 */
export function withLogin(body: string, contentType: string, login: GatewayLogin): string {
	if (contentType.toLowerCase().startsWith(FORM_CONTENT_TYPE)) {
		const credentials = new URLSearchParams([
			['UserName', login.username],
			['Password', login.password],
		]).toString();
		return body === '' ? credentials : `${credentials}&${body}`;
	}
	const opening = SOAP_METHOD_OPENING.exec(body);
	if (!opening)
		throw new CredentialSetupError(
			'The SMSCenter request body is neither a form nor a SOAP envelope, so the login has no place in it',
		);
	const prefix = opening[1] ?? '';
	const at = opening.index + opening[0].length;
	const credentials = `<${prefix}UserName>${escapeXml(login.username)}</${prefix}UserName><${prefix}Password>${escapeXml(login.password)}</${prefix}Password>`;
	return body.slice(0, at) + credentials + body.slice(at);
}

/**
 * The fields of a request that the credential reads and writes, in both shapes n8n hands to
 * `authenticate`: its own (`url`, `baseURL`, `qs`, `body`), from this package's nodes, and the
 * legacy one (`uri`, `form`) that the HTTP Request node sends with a predefined credential type.
 */
export interface LoginTarget {
	url?: string;
	uri?: string | URL;
	baseURL?: string;
	method?: string;
	headers?: Record<string, unknown>;
	qs?: Record<string, unknown>;
	body?: unknown;
	form?: unknown;
	disableFollowRedirect?: boolean;
	followRedirect?: boolean;
	followAllRedirects?: boolean;
}

function joinUrl(base: string, path: string): string {
	return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** Where a request goes, or undefined when that cannot be told (then it gets no login). */
function requestTarget(request: LoginTarget): URL | undefined {
	const raw = request.uri !== undefined ? String(request.uri) : request.url;
	if (raw === undefined) return undefined;
	if (URL.canParse(raw)) return new URL(raw);
	if (request.baseURL !== undefined && URL.canParse(joinUrl(request.baseURL, raw)))
		return new URL(joinUrl(request.baseURL, raw));
	return undefined;
}

function headerValue(headers: Record<string, unknown> | undefined, name: string): string {
	const key = Object.keys(headers ?? {}).find((k) => k.toLowerCase() === name);
	return key === undefined ? '' : String((headers ?? {})[key]);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return (
		typeof value === 'object' &&
		value !== null &&
		!Array.isArray(value) &&
		!Buffer.isBuffer(value) &&
		Object.getPrototypeOf(value) === Object.prototype
	);
}

/**
 * Adds the login to a request, but only to a request for the credential's own base URL (the same
 * scheme, host and port); any other request is returned unchanged, so the password can never be
 * carried to another host. A request that carries the login never follows a redirect. Paths without
 * a host (this package's own requests) go to the base URL.
 *
 * Where the login goes: the query string of a GET (the simple URL API's query form), the form body,
 * or the SOAP method element. Any other request for the base URL is refused, since SMSCenter reads
 * the login nowhere else.
 */
export function addLoginForOwnOrigin<T extends LoginTarget>(
	request: T,
	baseUrl: string | undefined,
	allowInsecureHttp: boolean,
	login: GatewayLogin,
): T {
	const base = parsedBaseUrl(baseUrl);
	const ownPath =
		request.uri === undefined &&
		request.baseURL === undefined &&
		typeof request.url === 'string' &&
		request.url.startsWith('/');
	if (!ownPath && requestTarget(request)?.origin !== base.origin) return request;

	const checked = checkedBaseUrl(baseUrl, allowInsecureHttp);
	const result: T = {
		...request,
		disableFollowRedirect: true,
		followRedirect: false,
		followAllRedirects: false,
	};
	if (ownPath) result.baseURL = checked;
	const loginFields = { UserName: login.username, Password: login.password };
	const method = (request.method ?? 'GET').toUpperCase();
	const contentType = headerValue(request.headers, 'content-type');
	const noBody = request.body === undefined || request.body === '' || request.body === null;

	if (isPlainObject(request.form)) {
		result.form = { ...loginFields, ...request.form };
	} else if (typeof request.body === 'string' && request.body !== '') {
		result.body = withLogin(request.body, contentType, login);
	} else if (
		isPlainObject(request.body) &&
		contentType.toLowerCase().startsWith(FORM_CONTENT_TYPE)
	) {
		result.body = { ...loginFields, ...request.body };
	} else if (noBody && contentType.toLowerCase().startsWith(FORM_CONTENT_TYPE)) {
		result.body = withLogin('', contentType, login);
	} else if (noBody && (method === 'GET' || method === 'HEAD')) {
		result.qs = { ...loginFields, ...(request.qs ?? {}) };
	} else {
		throw new CredentialSetupError(
			`The SMSCenter credential puts the login into a form body, a SOAP envelope or the query string of a GET request; this ${method} request has none of these${contentType ? ` (Content-Type ${contentType})` : ''}`,
		);
	}
	return result;
}
