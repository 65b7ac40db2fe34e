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

/** Keys first seen in the same minute, one after another. */
interface Bucket {
	minute: number;
	keys: string;
}

/**
 * Reports already turned into runs, oldest first: a Map answers "seen?" and a list of minute buckets
 * keeps the insertion order in the stored form, so forgetting only ever looks at the oldest end and
 * the stored form is ready without walking the memory. Every operation costs the same however much is
 * remembered, except taking in another process's stored copy (`merge`).
 *
 * A key is pending while its run is being handed to n8n. If n8n does not take the run, the key is
 * dropped (`abandon`), so that the gateway's retry starts it.
 */
export class DeliveryMemory {
	private readonly seen = new Map<string, number>();
	private buckets: Bucket[] = [];
	/** Pending keys, and whether the caller left before n8n answered (the gateway then saw no outcome). */
	private readonly pending = new Map<string, { callerLeft: boolean }>();
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

	/**
	 * `new`; `seen` (remembered); `starting` (its run is being handed to n8n and the caller waits for
	 * the answer, so a failure reaches the gateway on that call); `unsettled` (handed over, but the
	 * caller left before n8n answered: whether the run was taken is not known yet).
	 */
	state(key: string): 'new' | 'seen' | 'starting' | 'unsettled' {
		if (this.seen.has(key)) return 'seen';
		const pending = this.pending.get(key);
		if (!pending) return 'new';
		return pending.callerLeft ? 'unsettled' : 'starting';
	}

	has(key: string): boolean {
		return this.state(key) !== 'new';
	}

	isPending(key: string): boolean {
		return this.pending.has(key);
	}

	begin(key: string): void {
		this.pending.set(key, { callerLeft: false });
	}

	callerLeft(key: string): void {
		const pending = this.pending.get(key);
		if (pending) pending.callerLeft = true;
	}

	/** The run was taken: remember the key from now on. */
	confirm(key: string, minute: number): void {
		this.pending.delete(key);
		if (this.seen.has(key)) return;
		this.append(key, minute);
		this.changes++;
		this.trimToLimit();
	}

	/** The run was not taken: forget the key, so the gateway's retry starts it. */
	abandon(key: string): void {
		this.pending.delete(key);
	}

	/** Forgets what is older than the window, looking only at the oldest end. */
	prune(minute: number, windowMinutes: number): void {
		while (this.buckets.length > 0 && minute - this.buckets[0].minute >= windowMinutes) {
			const { keys } = this.buckets.shift() as Bucket;
			for (let i = 0; i < keys.length; i += MEMORY_KEY_LENGTH)
				this.seen.delete(keys.slice(i, i + MEMORY_KEY_LENGTH));
		}
	}

	/** Adds at the newest end; a key confirmed late (its call began a little earlier) joins the newest minute. */
	private append(key: string, minute: number): void {
		const last = this.buckets[this.buckets.length - 1];
		if (last && last.minute >= minute) {
			last.keys += key;
			this.seen.set(key, last.minute);
		} else {
			this.buckets.push({ minute, keys: key });
			this.seen.set(key, minute);
		}
	}

	private trimToLimit(): void {
		while (this.seen.size > this.limit && this.buckets.length > 0) {
			const oldest = this.buckets[0];
			this.seen.delete(oldest.keys.slice(0, MEMORY_KEY_LENGTH));
			oldest.keys = oldest.keys.slice(MEMORY_KEY_LENGTH);
			if (oldest.keys === '') this.buckets.shift();
		}
	}

	/** The compact stored form, written by `writer`. */
	toStored(writer: string): StoredMemory {
		this.writtenChanges = this.changes;
		return {
			v: 1,
			w: writer,
			s: ++this.writes,
			b: this.buckets.map(({ minute, keys }) => [minute.toString(36), keys]),
		};
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
		const earliest = new Map<string, number>();
		for (const [key, at] of [...incoming, ...this.seen])
			earliest.set(key, Math.min(at, earliest.get(key) ?? at));
		const before = this.seen.size;
		const merged = [...earliest].sort((a, b) => a[1] - b[1]);
		this.seen.clear();
		this.buckets = [];
		for (const [key, at] of merged) this.append(key, at);
		this.lastMinute = Math.max(this.lastMinute, merged[merged.length - 1][1]);
		if (this.seen.size !== before) this.changes++;
		this.trimToLimit();
	}
}
