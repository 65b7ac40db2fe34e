import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
	method: string;
	/** Path and query. */
	url: string;
	headers: IncomingHttpHeaders;
	body: string;
}

export interface ServerAnswer {
	status: number;
	headers?: Record<string, string>;
	body?: string;
}

/** A loopback HTTP server that records every request and answers as told (by default 200 "recorded"). */
export interface RecordingServer {
	url: string;
	requests: RecordedRequest[];
	/** Everything that arrived, as one text, to search for a secret. */
	everything(): string;
	answerWith(answer: (request: RecordedRequest) => ServerAnswer): void;
	close(): Promise<void>;
}

export async function startRecordingServer(): Promise<RecordingServer> {
	const requests: RecordedRequest[] = [];
	let answer: (request: RecordedRequest) => ServerAnswer = () => ({
		status: 200,
		body: 'recorded',
	});
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const recorded = {
				method: req.method ?? '',
				url: req.url ?? '',
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			};
			requests.push(recorded);
			const { status, headers, body } = answer(recorded);
			res.writeHead(status, { 'content-type': 'text/plain', ...headers });
			res.end(body ?? '');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		requests,
		everything: () => JSON.stringify(requests),
		answerWith(next) {
			answer = next;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
