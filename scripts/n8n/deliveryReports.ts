import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Delivery reports as SMSCenter calls the trigger with them, and a counter that the reporting
 * workflows call once per execution: shared by the end-to-end tests, the trigger tests and the
 * benchmark.
 */

/** The fields of a final "Delivered" report of `messageId` to 972541234560, with the secret. */
export function reportFields(
	secret: string,
	messageId: number | string,
	statusCode = '600',
): Record<string, string> {
	return {
		key: secret,
		MsgID: String(messageId),
		MSISDN: '972541234560',
		StatusCode: statusCode,
		StatusDes: 'Delivered',
		ReasonCode: '601',
		ReasonDes: 'Message delivered',
		Date: '25112026093000',
	};
}

/** The address SMSCenter calls with the report: the trigger's delivery URL and the fields. */
export function reportUrl(
	base: string,
	secret: string,
	messageId: number | string,
	statusCode = '600',
): string {
	return `${base}?${new URLSearchParams(reportFields(secret, messageId, statusCode)).toString()}`;
}

/**
 * `count` distinct reports (message IDs from `firstId`) and the first `repeats` of them again, in a
 * shuffled order that is the same for the same `seed`.
 */
export function reportBurst(
	base: string,
	secret: string,
	burst: { firstId: number; count: number; repeats: number; seed?: number },
): string[] {
	const urls = Array.from({ length: burst.count }, (_, i) =>
		reportUrl(base, secret, burst.firstId + i),
	);
	const all = [...urls, ...urls.slice(0, burst.repeats)];
	for (let i = all.length - 1; i > 0; i--) {
		const j = (i * 7919 + (burst.seed ?? 0)) % (i + 1);
		[all[i], all[j]] = [all[j], all[i]];
	}
	return all;
}

export interface Sink {
	server: Server;
	url: string;
	/** The `key` of each call, in the order they came: one per execution of a reporting workflow. */
	keys: string[];
	close(): Promise<void>;
}

/** Starts the counter (on `port`, or a free one) that reporting workflows call with `?key=...`. */
export async function startSink(port = 0): Promise<Sink> {
	const keys: string[] = [];
	const server = createServer((req, res) => {
		keys.push(new URL(req.url ?? '/', 'http://sink').searchParams.get('key') ?? '');
		res.end('ok');
	});
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	return {
		server,
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/count`,
		keys,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
