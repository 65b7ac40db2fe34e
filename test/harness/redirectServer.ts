import {
	createServer,
	request,
	type IncomingMessage,
	type Server,
	type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
	method: string;
	path: string;
	body: string;
}

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

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

async function listen(server: Server): Promise<number> {
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return (server.address() as AddressInfo).port;
}

/**
 * Two loopback servers: one answers every request with a redirect (`status`, Location on the other
 * server, with a query that must never appear in an error), the other records whatever reaches it.
 * With `passFirst`, that many requests are first passed through to `upstream` (to let a login check
 * through before the redirects start).
 */
export async function startRedirect(
	status: number,
	options: { upstream?: string; passFirst?: number } = {},
): Promise<RedirectSetup> {
	const reachedTarget: RecordedRequest[] = [];
	const target = createServer((req: IncomingMessage, res: ServerResponse) => {
		void readBody(req).then((body) => {
			reachedTarget.push({ method: req.method ?? '', path: req.url ?? '', body });
			res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
			res.end(
				'<?xml version="1.0" encoding="utf-8"?><SendMessageReturnValues xmlns="http://www.smscenter.co.il/">OK</SendMessageReturnValues>',
			);
		});
	});
	const targetPort = await listen(target);
	let passed = 0;
	let redirected = 0;
	const redirector = createServer((req: IncomingMessage, res: ServerResponse) => {
		if (options.upstream && passed < (options.passFirst ?? 0)) {
			passed++;
			const upstream = new URL(options.upstream);
			const forward = request(
				{
					host: upstream.hostname,
					port: upstream.port,
					method: req.method,
					path: req.url,
					headers: req.headers,
				},
				(answer) => {
					res.writeHead(answer.statusCode ?? 502, answer.headers);
					answer.pipe(res);
				},
			);
			forward.on('error', () => res.destroy());
			req.pipe(forward);
			return;
		}
		redirected++;
		void readBody(req).then(() => {
			res.writeHead(status, {
				location: `http://127.0.0.1:${targetPort}${req.url ?? '/'}?session=redirect-query-secret`,
				'content-type': 'text/html',
			});
			res.end('<html><body>Moved</body></html>');
		});
	});
	const port = await listen(redirector);
	return {
		url: `http://127.0.0.1:${port}`,
		targetHost: `127.0.0.1:${targetPort}`,
		reachedTarget,
		redirected: () => redirected,
		async close() {
			await Promise.all(
				[redirector, target].map(
					(server) => new Promise<void>((resolve) => server.close(() => resolve())),
				),
			);
		},
	};
}
