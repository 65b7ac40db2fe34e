/** Remembered notifications: key -> epoch milliseconds when first seen. */
export type SeenNotifications = Record<string, number>;

export const DEFAULT_MEMORY_LIMIT = 10_000;

export function notificationKey(messageId: string | null, msisdn: string | null, statusCode: number | string | null): string {
	return `${messageId ?? '-'}|${msisdn ?? '-'}|${statusCode ?? '-'}`;
}

/** Forgets entries older than the window, then the oldest ones beyond `limit`. */
export function pruneNotifications(seen: SeenNotifications, now: number, windowMs: number, limit = DEFAULT_MEMORY_LIMIT): void {
	for (const [key, at] of Object.entries(seen)) {
		if (now - at >= windowMs) delete seen[key];
	}
	const entries = Object.entries(seen);
	if (entries.length <= limit) return;
	entries.sort((a, b) => a[1] - b[1]);
	for (const [key] of entries.slice(0, entries.length - limit)) delete seen[key];
}

/** Adds what another copy of the memory knows (for example the persisted one), keeping the earliest time. */
export function mergeNotifications(into: SeenNotifications, from: SeenNotifications): void {
	for (const [key, at] of Object.entries(from)) {
		if (typeof at === 'number' && (into[key] === undefined || at < into[key])) into[key] = at;
	}
}

/**
 * Records a notification unless it was already seen within the window; keeps the memory bounded.
 * Returns true when the notification is new.
 */
export function rememberNotification(seen: SeenNotifications, key: string, now: number, windowMs: number, limit = DEFAULT_MEMORY_LIMIT): boolean {
	pruneNotifications(seen, now, windowMs, limit);
	if (seen[key] !== undefined) return false;
	seen[key] = now;
	pruneNotifications(seen, now, windowMs, limit);
	return true;
}
