/**
 * Paces the send requests of a run to at most `limit` messages per period, by spacing: a request
 * may start only once the messages of the requests before it have had their time, so the k-th
 * request starts no sooner than (messages before it) / limit periods after the first. Requests are
 * delayed, never dropped, and start in the order they asked for their turn (whatever the concurrency).
 */
export interface PacerClock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

export interface RateReport {
	limit: number;
	per: 'second' | 'minute';
	requests: number;
	messages: number;
	/** From the start of the first request to the start of the last, in seconds. */
	seconds: number;
	/**
	 * Messages per period the run kept to: the messages sent before the last request, over the time
	 * from the first request to the last. Null with fewer than two requests.
	 */
	achievedRate: number | null;
}

/** The longest single wait, so that a cancelled execution is noticed soon. */
const WAIT_STEP_MS = 1000;

export class Pacer {
	private nextSlot: number | undefined;
	private firstStart: number | undefined;
	private lastStart = 0;
	private messagesBeforeLast = 0;
	private messages = 0;
	private requests = 0;
	private readonly msPerMessage: number;

	constructor(
		readonly limit: number,
		readonly per: 'second' | 'minute',
		private readonly clock: PacerClock,
		/** Whether the run was cancelled: a waiting request then gives up its turn. */
		private readonly cancelled: () => boolean = () => false,
	) {
		this.msPerMessage = (per === 'second' ? 1000 : 60_000) / limit;
	}

	/** The messages one request may carry so that no request alone holds more than a period's budget. */
	static messagesPerRequest(limit: number): number {
		return Math.max(1, Math.floor(limit));
	}

	/**
	 * Waits for the turn of a request of `cost` messages; resolves false (without taking a turn) when
	 * the run was cancelled meanwhile.
	 */
	async take(cost: number): Promise<boolean> {
		const now = this.clock.now();
		const slot = this.nextSlot === undefined ? now : Math.max(now, this.nextSlot);
		this.nextSlot = slot + cost * this.msPerMessage;
		for (let left = slot - this.clock.now(); left > 0; left = slot - this.clock.now()) {
			if (this.cancelled()) return false;
			await this.clock.sleep(Math.min(left, WAIT_STEP_MS));
		}
		if (this.cancelled()) return false;
		const started = this.clock.now();
		this.firstStart ??= started;
		if (started >= this.lastStart) {
			this.lastStart = started;
			this.messagesBeforeLast = this.messages;
		}
		this.messages += cost;
		this.requests++;
		return true;
	}

	report(): RateReport {
		const spanMs = this.firstStart === undefined ? 0 : this.lastStart - this.firstStart;
		const period = this.per === 'second' ? 1000 : 60_000;
		return {
			limit: this.limit,
			per: this.per,
			requests: this.requests,
			messages: this.messages,
			seconds: Math.round(spanMs) / 1000,
			achievedRate:
				this.requests < 2 || spanMs <= 0
					? null
					: Math.round(((this.messagesBeforeLast * period) / spanMs) * 100) / 100,
		};
	}
}
