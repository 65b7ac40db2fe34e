import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountingProxy {
	url: string;
	/** The most requests that were under way at the same moment. */
	peakInFlight(): number;
	close(): Promise<void>;
}

/** A pass-through HTTP proxy in front of a server that counts how many requests are open at once. */
export async function startCountingProxy(target: string): Promise<CountingProxy> {
	const upstream = new URL(target);
	let inFlight = 0;
	let peak = 0;
	const server = createServer((req: IncomingMessage, res: ServerResponse) => {
		inFlight++;
		peak = Math.max(peak, inFlight);
		res.on('close', () => inFlight--);
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
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		peakInFlight: () => peak,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
