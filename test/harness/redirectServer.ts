import { startRecordingServer, type RecordedRequest } from './recordingServer';

export interface RedirectSetup {
	/** The base URL that answers with a redirect. */
	url: string;
	/** Where the redirects point: `127.0.0.1:<port>`, the host an error may name. */
	targetHost: string;
	/** Every request that reached the redirect target (none must). */
	reachedTarget: RecordedRequest[];
	/** Requests the redirecting server answered with a redirect. */
	redirected(): number;
	close(): Promise<void>;
}

const SENT =
	'<?xml version="1.0" encoding="utf-8"?><SendMessageReturnValues xmlns="http://www.smscenter.co.il/">OK</SendMessageReturnValues>';

/**
 * Two loopback servers: one answers every request with a redirect (`status`, Location on the other
 * server, with a query that must never appear in an error), the other records whatever reaches it
 * and answers as a gateway that sent the message would.
 */
export async function startRedirect(status: number): Promise<RedirectSetup> {
	const target = await startRecordingServer();
	target.answerWith(() => ({
		status: 200,
		headers: { 'content-type': 'text/xml; charset=utf-8' },
		body: SENT,
	}));
	const redirector = await startRecordingServer();
	redirector.answerWith((request) => ({
		status,
		headers: {
			location: `${target.url}${request.url}?session=redirect-query-secret`,
			'content-type': 'text/html',
		},
		body: '<html><body>Moved</body></html>',
	}));
	return {
		url: redirector.url,
		targetHost: new URL(target.url).host,
		reachedTarget: target.requests,
		redirected: () => redirector.requests.length,
		async close() {
			await Promise.all([redirector.close(), target.close()]);
		},
	};
}
