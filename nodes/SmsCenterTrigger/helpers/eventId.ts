import { createHash } from 'crypto';

/**
 * A delivery report's identity: the message ID, the recipient's number and the status. The gateway
 * repeats exactly these on every retry of the same report, and they differ between two genuine
 * reports (another recipient of the same message, or the next status of the same recipient). The
 * date and the texts are left out: they describe the report, they do not identify it.
 *
 * `<MsgID>-<MSISDN digits>-<StatusCode>`, for example `1000001-972541234560-600`. The number is
 * taken as sent, digits only, so that the ID never depends on how numbers are normalised.
 */
export function deliveryEventId(
	messageId: string,
	msisdn: string | null,
	statusCode: number,
): string {
	const digits = (msisdn ?? '').replace(/\D/g, '');
	return `${messageId}-${digits === '' ? '0' : digits}-${statusCode}`;
}

/**
 * A notification without a message ID or status code still gets a stable ID: a digest of its fields
 * (names lower-cased and sorted), so that the gateway's retries of the same broken notification share it.
 */
export function malformedEventId(fields: Record<string, string>): string {
	const canonical = Object.entries(fields)
		.map(
			([name, value]) => `${encodeURIComponent(name.toLowerCase())}=${encodeURIComponent(value)}`,
		)
		.sort()
		.join('&');
	return `malformed-${createHash('sha256').update(canonical).digest('hex').slice(0, 24)}`;
}

/** The key the duplicate memory keeps for an event ID: 66 bits of its SHA-256, 11 characters. */
export const MEMORY_KEY_LENGTH = 11;

export function memoryKey(eventId: string): string {
	return createHash('sha256').update(eventId).digest('base64url').slice(0, MEMORY_KEY_LENGTH);
}
