/**
 * Redirects are never followed: a form carrying the login, re-posted to whatever host an answer
 * names (even from https to http), would hand the password to that host. Every request of the
 * package sets `disableFollowRedirect`, and a 3xx answer becomes an error naming where it pointed.
 */

export function isRedirectStatus(statusCode: number | undefined): boolean {
	return typeof statusCode === 'number' && statusCode >= 300 && statusCode < 400;
}

function headerValue(headers: unknown, name: string): string | undefined {
	if (!headers || typeof headers !== 'object') return undefined;
	for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
		if (key.toLowerCase() !== name) continue;
		const first = Array.isArray(value) ? value[0] : value;
		return typeof first === 'string' ? first : undefined;
	}
	return undefined;
}

/**
 * Where a redirect points, as a host (and port) only: never the path or the query, which may carry
 * a session or the login itself. A relative Location stays on the same host.
 */
export function redirectHost(headers: unknown, requestBase: string): string {
	const location = headerValue(headers, 'location');
	if (location === undefined || location.trim() === '')
		return 'no address (the answer has no Location)';
	try {
		const target = new URL(location.trim(), requestBase);
		return target.host === '' ? 'an address that is not a URL' : target.host;
	} catch {
		return 'an address that is not a URL';
	}
}

/** The first sentence of a redirect error: `SMSCenter's address answered HTTP 307, a redirect to host:port`. */
export function redirectSummary(statusCode: number, headers: unknown, requestBase: string): string {
	return `SMSCenter's address answered HTTP ${statusCode}, a redirect to ${redirectHost(headers, requestBase)}`;
}

export const REDIRECT_ADVICE =
	'Redirects are not followed, so that the login never goes to another address: set the Base URL in the SMSCenter credential to the address SMSCenter answers at itself.';
