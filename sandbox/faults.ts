import type { FaultRule } from './types';

/** Faults waiting for requests, keyed by method name (`SendMessagesV2`), `pushsms` or `*`. */
export class FaultBook {
	private readonly rules = new Map<string, FaultRule[]>();

	add(target: string, rule: FaultRule): void {
		const list = this.rules.get(target) ?? [];
		list.push({ ...rule });
		this.rules.set(target, list);
	}

	clear(): void {
		this.rules.clear();
	}

	/** The fault for this request, if any; each use counts against the rule's `times`. */
	take(target: string): FaultRule | undefined {
		for (const key of [target, '*']) {
			const list = this.rules.get(key);
			if (!list || list.length === 0) continue;
			const rule = list[0];
			if (rule.times !== undefined) {
				rule.times--;
				if (rule.times <= 0) list.shift();
			}
			return rule;
		}
		return undefined;
	}
}

export const IIS_ERROR_PAGE = (status: number, title: string): string =>
	`<!DOCTYPE html>\r\n<html><head><title>${title}</title></head><body><h1>Server Error in '/' Application.</h1><h2><i>${title}</i></h2><p>HTTP ${status}</p></body></html>`;
