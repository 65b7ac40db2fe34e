import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { useStarted } from '../harness/sandbox';

/** A customer's notification endpoint: records each request's URL and answers `_OK_`. */
export interface Receiver {
	url: string;
	/** Request URLs (path and query), oldest first. */
	hits: string[];
	/** Each hit's query, parsed. */
	queries(): Array<Record<string, string>>;
	close(): Promise<void>;
}

export async function startReceiver(answer = '_OK_'): Promise<Receiver> {
	const hits: string[] = [];
	const server: Server = createServer((req, res) => {
		hits.push(req.url ?? '');
		res.writeHead(200, { 'content-type': 'text/plain' });
		res.end(answer);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/dlr`,
		hits,
		queries: () =>
			hits.map((hit) => Object.fromEntries(new URL(hit, 'http://receiver').searchParams)),
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/** One receiver for the enclosing describe block, its hits cleared before each test. */
export function useReceiver(): Receiver {
	return useStarted(startReceiver, (receiver) => {
		receiver.hits.length = 0;
	});
}
