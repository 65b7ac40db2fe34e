import { escapeXml, FORM_CONTENT_TYPE } from './requestBuilder';

export interface GatewayLogin {
	username: string;
	password: string;
}

/** The login fields of the stored credential. */
export function loginOf(credentials: { username?: unknown; password?: unknown }): GatewayLogin {
	return { username: String(credentials.username ?? ''), password: String(credentials.password ?? '') };
}

/** The credential cannot be used as it is (wrong login, base URL refused); raised before anything is sent. */
export class CredentialSetupError extends Error {}

export const DEFAULT_BASE_URL = 'https://www.smscenter.co.il';

const LOOPBACK_HOSTS = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * The base URL to call, without a trailing slash. The service demands TLS: plain http is refused
 * unless the host is loopback or the user allowed insecure HTTP for an on-premises install.
 */
export function checkedBaseUrl(raw: string | undefined, allowInsecureHttp: boolean): string {
	const text = (raw ?? '').trim() || DEFAULT_BASE_URL;
	if (!URL.canParse(text)) throw new CredentialSetupError(`The SMSCenter base URL "${text}" is not a URL. Use for example ${DEFAULT_BASE_URL}`);
	const url = new URL(text);
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new CredentialSetupError(`The SMSCenter base URL must start with https:// (it starts with ${url.protocol}//)`);
	}
	if (url.protocol === 'http:' && !allowInsecureHttp && !LOOPBACK_HOSTS.test(url.hostname)) {
		throw new CredentialSetupError(
			'SMSCenter only accepts HTTPS: change the base URL to https://, or turn on "Allow Insecure HTTP (On-Premises Only)" in the credential for an on-premises server without TLS',
		);
	}
	return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

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
	const opening = /<soap:Body><(\w+) xmlns="[^"]*">/.exec(body);
	if (!opening) throw new Error('The SMSCenter request body is neither a form nor a SOAP envelope');
	const at = opening.index + opening[0].length;
	const credentials = `<UserName>${escapeXml(login.username)}</UserName><Password>${escapeXml(login.password)}</Password>`;
	return body.slice(0, at) + credentials + body.slice(at);
}
