import { request } from 'undici';
import { fillReportUrl, type DeliveryReport } from './reports';
import type { ProfileBehaviour } from './profiles';
import type { DlrAttempt } from './types';

/** Minutes after the first attempt at which the gateway tries again: every 5 minutes for the first hour, then hourly, for 3 days. */
export function retryScheduleMinutes(): number[] {
	const minutes = [0];
	for (let m = 5; m <= 60; m += 5) minutes.push(m);
	for (let m = 120; m <= 72 * 60; m += 60) minutes.push(m);
	return minutes;
}

export interface DlrNotifier {
	/** Sends `report` to the URL template, its tokens filled as the profile does, after `afterMs`. */
	notify(
		template: string,
		report: DeliveryReport,
		behaviour: Pick<ProfileBehaviour, 'tokenMatch' | 'dateTokens'>,
		afterMs: number,
	): void;
}

/** One notification: the URL with its tokens filled, and what it reports (kept in each attempt's record). */
export type DlrTarget = { url: string; messageId: string; msisdn: string; statusCode: number };

/** Sends delivery notifications with undici and retries them on the document's schedule, time-scaled. */
export class DlrSender implements DlrNotifier {
	readonly attempts: DlrAttempt[] = [];
	private readonly timers = new Set<NodeJS.Timeout>();
	private closed = false;
	private pending = 0;
	private idleWaiters: Array<() => void> = [];
	private inFlight = 0;
	private readonly waiting: Array<() => void> = [];

	/** `maxInFlight` bounds the notifications being sent at once, as a gateway's sender does. */
	constructor(
		private readonly timeScale: number,
		private readonly timeoutMs = 10_000,
		private readonly maxInFlight = 20,
	) {}

	notify(
		template: string,
		report: DeliveryReport,
		behaviour: Pick<ProfileBehaviour, 'tokenMatch' | 'dateTokens'>,
		afterMs: number,
	): void {
		const url = fillReportUrl(template, report, behaviour);
		this.pending++;
		this.later(afterMs, () =>
			this.attempt(
				{ url, messageId: report.messageId, msisdn: report.msisdn, statusCode: report.statusCode },
				0,
			),
		);
	}

	/** Sends a notification URL as the gateway would, with retries (used by tests to fire hand-made notifications). */
	deliver(url: string, meta: { messageId: string; msisdn: string; statusCode: number }): void {
		this.pending++;
		this.later(0, () => this.attempt({ url, ...meta }, 0));
	}

	/** Sends one notification at once and resolves with that attempt; `retry` keeps retrying on the schedule after a failure. */
	async sendNow(target: DlrTarget, retry: boolean): Promise<DlrAttempt> {
		this.pending++;
		const attempt = await this.send(target, 0, retry);
		return attempt;
	}

	/** Resolves once no notification is waiting for a first attempt or a retry. */
	async idle(): Promise<void> {
		if (this.pending === 0) return;
		await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
	}

	close(): void {
		this.closed = true;
		for (const wake of this.waiting.splice(0)) wake();
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		this.pending = 0;
		this.wakeIdle();
	}

	private later(ms: number, run: () => void): void {
		if (this.closed) return;
		const timer = setTimeout(
			() => {
				this.timers.delete(timer);
				run();
			},
			Math.max(0, ms),
		);
		this.timers.add(timer);
	}

	private async attempt(target: DlrTarget, index: number): Promise<void> {
		if (this.inFlight >= this.maxInFlight) {
			await new Promise<void>((resolve) => this.waiting.push(resolve));
			if (this.closed) return;
		}
		this.inFlight++;
		try {
			await this.send(target, index);
		} finally {
			this.inFlight--;
			this.waiting.shift()?.();
		}
	}

	private async send(target: DlrTarget, index: number, retry = true): Promise<DlrAttempt> {
		const schedule = retryScheduleMinutes();
		const record: DlrAttempt = {
			...target,
			scheduledMinute: schedule[index],
			attempt: index + 1,
			at: new Date(),
			ok: false,
		};
		try {
			const response = await request(target.url, {
				method: 'GET',
				headersTimeout: this.timeoutMs,
				bodyTimeout: this.timeoutMs,
			});
			record.httpStatus = response.statusCode;
			record.body = await response.body.text();
			record.ok = record.body.includes('_OK_');
		} catch (error) {
			record.error = error instanceof Error ? error.message : String(error);
		}
		if (this.closed) return record;
		this.attempts.push(record);
		if (retry && !record.ok && index + 1 < schedule.length) {
			const waitMs = (schedule[index + 1] - schedule[index]) * 60_000 * this.timeScale;
			this.later(waitMs, () => void this.attempt(target, index + 1));
			return record;
		}
		this.pending--;
		if (this.pending === 0) this.wakeIdle();
		return record;
	}

	private wakeIdle(): void {
		const waiters = this.idleWaiters;
		this.idleWaiters = [];
		for (const wake of waiters) wake();
	}
}
