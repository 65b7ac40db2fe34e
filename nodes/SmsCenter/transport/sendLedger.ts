/** What an earlier attempt of the same send request came to. */
export type LedgerEntry =
	/** The gateway accepted it: a retry returns this answer instead of sending again. */
	| { outcome: 'sent'; code: string; messageId: string | null }
	/** It ended without a clear answer (timeout after sending, 5xx, unreadable answer, reset): a retry must not send it. */
	| { outcome: 'unknown'; reason: string };

interface Kept {
	entry: LedgerEntry;
	at: number;
}

/**
 * The send requests of this process, by key: bounded in number and in age. n8n's Retry On Fail runs
 * a failed node again in the same process, within seconds; what is remembered here lets that retry
 * tell what already went out. Entries are kept in the order they were written, so the oldest are
 * at the front and expiry and the size bound both drop from there.
 */
export class SendLedger {
	private readonly kept = new Map<string, Kept>();

	constructor(
		readonly limit: number,
		readonly maxAgeMs: number,
		private readonly now: () => number = () => Date.now(),
	) {}

	get size(): number {
		return this.kept.size;
	}

	get(key: string): LedgerEntry | undefined {
		this.expire();
		return this.kept.get(key)?.entry;
	}

	set(key: string, entry: LedgerEntry): void {
		this.kept.delete(key);
		this.kept.set(key, { entry, at: this.now() });
		this.expire();
		while (this.kept.size > this.limit) {
			const oldest = this.kept.keys().next();
			if (oldest.done === true) break;
			this.kept.delete(oldest.value);
		}
	}

	delete(key: string): void {
		this.kept.delete(key);
	}

	private expire(): void {
		const oldestAllowed = this.now() - this.maxAgeMs;
		for (const [key, kept] of this.kept) {
			if (kept.at >= oldestAllowed) break;
			this.kept.delete(key);
		}
	}
}

/** Requests remembered per process: enough for a run of 100,000 distinct requests, for six hours. */
export const SEND_LEDGER_LIMIT = 100_000;
export const SEND_LEDGER_MAX_AGE_MS = 6 * 60 * 60 * 1000;

/** The one ledger of this n8n process (main or worker), shared by every execution it runs. */
export const processSendLedger = new SendLedger(SEND_LEDGER_LIMIT, SEND_LEDGER_MAX_AGE_MS);
