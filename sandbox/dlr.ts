import { request } from 'undici';
import { dlrTimestamp } from './israelTime';
import type { DeliveryOutcome, DlrAttempt } from './types';

/** Minutes after the first attempt at which the gateway tries again: every 5 minutes for the first hour, then hourly, for 3 days. */
export function retryScheduleMinutes(): number[] {
	const minutes = [0];
	for (let m = 5; m <= 60; m += 5) minutes.push(m);
	for (let m = 120; m <= 72 * 60; m += 60) minutes.push(m);
	return minutes;
}

const STATUS: Record<'accepted' | DeliveryOutcome, { code: number; name: string; reason: number }> = {
	failed: { code: 200, name: 'Failed', reason: 204 },
	accepted: { code: 300, name: 'Accepted', reason: 301 },
	rejected: { code: 400, name: 'Rejected', reason: 401 },
	delivered: { code: 600, name: 'Delivered', reason: 601 },
	undelivered: { code: 700, name: 'Undeliver', reason: 703 },
};

const REASONS: Record<number, string> = {
	204: 'ProviderNotFound',
	207: 'NotEnoughSMSMessagesAvailable',
	301: 'Accepted',
	401: 'Message rejected by provider',
	601: 'Message delivered',
	703: 'Unknown subscriber',
};

export interface DlrNotifier {
	notify(template: string, messageId: string, msisdn: string, state: 'accepted' | DeliveryOutcome, reason: number | undefined, afterMs: number): void;
}

/** Fills the URL template's tokens, each value URL-encoded. */
export function fillTemplate(template: string, tokens: Record<string, string>): string {
	return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
		const key = Object.keys(tokens).find((k) => k.toLowerCase() === name.toLowerCase());
		return key === undefined ? whole : encodeURIComponent(tokens[key]);
	});
}

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

	notify(template: string, messageId: string, msisdn: string, state: 'accepted' | DeliveryOutcome, reason: number | undefined, afterMs: number): void {
		const status = STATUS[state];
		const reasonCode = reason ?? status.reason;
		const deliveredAt = new Date(Date.now() + afterMs);
		const url = fillTemplate(template, {
			MsgID: messageId,
			MSISDN: msisdn,
			StatusCode: String(status.code),
			StatusDes: status.name,
			ReasonCode: String(reasonCode),
			ReasonDes: REASONS[reasonCode] ?? '',
			Dlr_ddmmyyyhhmmss: dlrTimestamp(deliveredAt),
			Des: REASONS[reasonCode] ?? '',
			DesCode: String(reasonCode),
		});
		this.pending++;
		this.later(afterMs, () => this.attempt({ url, messageId, msisdn, statusCode: status.code }, 0));
	}

	/** Sends a notification URL as the gateway would, with retries (used by tests to fire hand-made notifications). */
	deliver(url: string, meta: { messageId: string; msisdn: string; statusCode: number }): void {
		this.pending++;
		this.later(0, () => this.attempt({ url, ...meta }, 0));
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
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			run();
		}, Math.max(0, ms));
		this.timers.add(timer);
	}

	private async attempt(target: { url: string; messageId: string; msisdn: string; statusCode: number }, index: number): Promise<void> {
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

	private async send(target: { url: string; messageId: string; msisdn: string; statusCode: number }, index: number): Promise<void> {
		const schedule = retryScheduleMinutes();
		const record: DlrAttempt = {
			...target,
			scheduledMinute: schedule[index],
			attempt: index + 1,
			at: new Date(),
			ok: false,
		};
		try {
			const response = await request(target.url, { method: 'GET', headersTimeout: this.timeoutMs, bodyTimeout: this.timeoutMs });
			record.httpStatus = response.statusCode;
			record.body = await response.body.text();
			record.ok = record.body.includes('_OK_');
		} catch (error) {
			record.error = error instanceof Error ? error.message : String(error);
		}
		if (this.closed) return;
		this.attempts.push(record);
		if (!record.ok && index + 1 < schedule.length) {
			const waitMs = (schedule[index + 1] - schedule[index]) * 60_000 * this.timeScale;
			this.later(waitMs, () => void this.attempt(target, index + 1));
			return;
		}
		this.pending--;
		if (this.pending === 0) this.wakeIdle();
	}

	private wakeIdle(): void {
		const waiters = this.idleWaiters;
		this.idleWaiters = [];
		for (const wake of waiters) wake();
	}
}
