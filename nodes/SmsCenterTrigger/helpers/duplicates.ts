/** Remembered notifications: key -> epoch milliseconds when first seen. Lives in the workflow's static data. */
export type SeenNotifications = Record<string, number>;

export const DEFAULT_MEMORY_LIMIT = 20_000;

export function notificationKey(messageId: string | null, msisdn: string | null, statusCode: number | string | null): string {
	return `${messageId ?? '-'}|${msisdn ?? '-'}|${statusCode ?? '-'}`;
}

/**
 * Records a notification unless it was already seen within the window. Forgets entries older than
 * the window, and the oldest ones beyond `limit`, so the memory stays bounded.
 * Returns true when the notification is new.
 */
export function rememberNotification(seen: SeenNotifications, key: string, now: number, windowMs: number, limit = DEFAULT_MEMORY_LIMIT): boolean {
	for (const [entry, at] of Object.entries(seen)) {
		if (now - at < windowMs) break;
		delete seen[entry];
	}
	const at = seen[key];
	if (at !== undefined && now - at < windowMs) return false;
	delete seen[key];
	seen[key] = now;
	const keys = Object.keys(seen);
	for (let i = 0; i < keys.length - limit; i++) delete seen[keys[i]];
	return true;
}
