import type { Request } from 'express';
import { flattenFields } from './notification';
import { NOTIFICATION_LIMITS } from './notificationLimits';

export interface RequestFields {
	fields: Record<string, string>;
	/** What makes the request itself more than a notification can be. */
	problems: string[];
}

function bodyLength(req: Request): number {
	// n8n reads the body before any node runs (up to N8N_PAYLOAD_SIZE_MAX) and keeps the raw bytes.
	const raw = (req as Request & { rawBody?: unknown }).rawBody;
	if (Buffer.isBuffer(raw)) return raw.length;
	const declared = Number(req.headers['content-length'] ?? 0);
	return Number.isFinite(declared) && declared > 0 ? declared : 0;
}

/**
 * The query fields, and for a POST the form fields, as long as the whole request is within the bound
 * of a notification. A larger body is not read at all.
 */
export function readRequestFields(req: Request): RequestFields {
	const url = req.originalUrl ?? req.url ?? '';
	const queryLength = url.includes('?') ? url.length - url.indexOf('?') - 1 : 0;
	const size = queryLength + (req.method === 'POST' ? bodyLength(req) : 0);
	const problems: string[] = [];
	const fields = flattenFields(req.query);
	if (size > NOTIFICATION_LIMITS.bytes) {
		problems.push(
			`the notification is ${size} bytes, more than the ${NOTIFICATION_LIMITS.bytes} a notification can be`,
		);
		return { fields, problems };
	}
	if (req.method === 'POST') Object.assign(fields, flattenFields(req.body));
	return { fields, problems };
}
