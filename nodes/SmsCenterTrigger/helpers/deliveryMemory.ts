import { MEMORY_KEY_LENGTH } from './eventId';

export const DEFAULT_MEMORY_LIMIT = 10_000;

/**
 * The memory as stored in the workflow's static data: `b` holds buckets of keys first seen in the same
 * minute, oldest first, each `[minute since the epoch in base 36, the keys one after another]`. About
 * 11 bytes per remembered report. `w` names the process that wrote it and `s` counts its writes.
 */
export interface StoredMemory {
	v: 1;
	w: string;
	s: number;
	b: Array<[string, string]>;
}

const KEY_CHARACTERS = /^[A-Za-z0-9_-]*$/;

/** Reads a stored memory, or undefined when the value is not one (another version, or damaged). */
export function readStoredMemory(value: unknown): StoredMemory | undefined {
	if (!value || typeof value !== 'object') return undefined;
	const stored = value as Partial<StoredMemory>;
	if (
		stored.v !== 1 ||
		typeof stored.w !== 'string' ||
		typeof stored.s !== 'number' ||
		!Array.isArray(stored.b)
	)
		return undefined;
	return stored as StoredMemory;
}

/**
 * Reports already turned into runs, in the order they were first seen (a Map keeps insertion order),
 * so that forgetting the old ones only ever looks at the oldest end. Every operation costs the same
 * however much is remembered, except reading another process's stored copy (`merge`).
 *
 * A key is `pending` while its run is being handed to n8n: a repeat arriving meanwhile is treated as a
 * duplicate, and if n8n does not take the run the key is dropped (`abandon`), so the gateway's retry
 * starts it.
 */
export class DeliveryMemory {
	private readonly seen = new Map<string, number>();
	private readonly pending = new Set<string>();
	private lastMinute = 0;
	private changes = 0;
	private writtenChanges = 0;
	private writes = 0;

	constructor(private readonly limit = DEFAULT_MEMORY_LIMIT) {}

	get size(): number {
		return this.seen.size;
	}

	/** Whether something was remembered since the memory was last written out. */
	get unsaved(): boolean {
		return this.changes !== this.writtenChanges;
	}

	/** Minutes since the epoch, never going back (a clock step back does not reorder the memory). */
	minute(now: number): number {
		this.lastMinute = Math.max(this.lastMinute, Math.floor(now / 60_000));
		return this.lastMinute;
	}

	has(key: string): boolean {
		return this.seen.has(key) || this.pending.has(key);
	}

	isPending(key: string): boolean {
		return this.pending.has(key);
	}

	begin(key: string): void {
		this.pending.add(key);
	}

	/** The run was taken: remember the key from now on. */
	confirm(key: string, minute: number): void {
		this.pending.delete(key);
		if (this.seen.has(key)) return;
		this.seen.set(key, minute);
		this.changes++;
		this.trimToLimit();
	}

	/** The run was not taken: forget the key, so the gateway's retry starts it. */
	abandon(key: string): void {
		this.pending.delete(key);
	}

	/** Forgets what is older than the window, looking only at the oldest end. */
	prune(minute: number, windowMinutes: number): void {
		for (const [key, at] of this.seen) {
			if (minute - at < windowMinutes) break;
			this.seen.delete(key);
		}
	}

	private trimToLimit(): void {
		for (const key of this.seen.keys()) {
			if (this.seen.size <= this.limit) break;
			this.seen.delete(key);
		}
	}

	/** The compact stored form, written by `writer`. */
	toStored(writer: string): StoredMemory {
		this.writtenChanges = this.changes;
		const buckets: Array<[string, string]> = [];
		let minute = -1;
		let keys: string[] = [];
		for (const [key, at] of this.seen) {
			if (at !== minute) {
				if (keys.length > 0) buckets.push([minute.toString(36), keys.join('')]);
				minute = at;
				keys = [];
			}
			keys.push(key);
		}
		if (keys.length > 0) buckets.push([minute.toString(36), keys.join('')]);
		return { v: 1, w: writer, s: ++this.writes, b: buckets };
	}

	/**
	 * Adds what a stored copy knows (written by another process, or before a restart), keeping the
	 * order by first-seen minute and the earliest minute of a key. Damaged entries are skipped.
	 */
	merge(stored: StoredMemory): void {
		const incoming: Array<[string, number]> = [];
		for (const bucket of stored.b) {
			if (!Array.isArray(bucket) || typeof bucket[0] !== 'string' || typeof bucket[1] !== 'string')
				continue;
			const at = parseInt(bucket[0], 36);
			const keys = bucket[1];
			if (
				!Number.isSafeInteger(at) ||
				at < 0 ||
				keys.length % MEMORY_KEY_LENGTH !== 0 ||
				!KEY_CHARACTERS.test(keys)
			)
				continue;
			for (let i = 0; i < keys.length; i += MEMORY_KEY_LENGTH)
				incoming.push([keys.slice(i, i + MEMORY_KEY_LENGTH), at]);
		}
		if (incoming.length === 0) return;
		incoming.sort((a, b) => a[1] - b[1]);
		const own = [...this.seen];
		const earliest = new Map<string, number>();
		for (const [key, at] of [...incoming, ...own])
			earliest.set(key, Math.min(at, earliest.get(key) ?? at));
		const before = this.seen.size;
		this.seen.clear();
		let i = 0;
		let j = 0;
		while (i < incoming.length || j < own.length) {
			const next =
				j >= own.length || (i < incoming.length && incoming[i][1] <= own[j][1])
					? incoming[i++]
					: own[j++];
			const key = next[0];
			if (!this.seen.has(key) && earliest.get(key) === next[1]) this.seen.set(key, next[1]);
		}
		this.lastMinute = Math.max(this.lastMinute, incoming[incoming.length - 1][1]);
		if (this.seen.size !== before) this.changes++;
		this.trimToLimit();
	}
}
