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
			if (rule.after !== undefined && rule.after > 0) {
				rule.after--;
				return undefined;
			}
			if (rule.times !== undefined) {
				rule.times--;
				if (rule.times <= 0) list.shift();
			}
			return rule;
		}
		return undefined;
	}
}

/** A single sign-on page as a proxy in front of the service might answer, with HTTP 200: about 50 KB. */
export const LOGIN_PAGE =
	'<!DOCTYPE html>\r\n<html lang="en"><head><meta charset="utf-8"><title>Sign in</title>' +
	`<style>${'body { font-family: Segoe UI, sans-serif; margin: 0 } .panel { padding: 24px } '.repeat(300)}</style>` +
	`<script>${'window.dataLayer = window.dataLayer || []; '.repeat(400)}</script></head>` +
	'<body><div class="panel"><h1>Sign in to continue</h1><form method="post" action="/login"><input name="user"><input name="pass" type="password"><button>Sign in</button></form></div>' +
	`<!-- ${'padding '.repeat(1200)} --></body></html>`;

export const OTHER_XML =
	'<?xml version="1.0" encoding="utf-8"?><Error><Code>Maintenance</Code><Message>The service is being updated.</Message></Error>';

export const OK_PREFIXED = 'OK-Gateway: the upstream server did not answer.';

export const IIS_ERROR_PAGE = (status: number, title: string): string =>
	`<!DOCTYPE html>\r\n<html><head><title>${title}</title></head><body><h1>Server Error in '/' Application.</h1><h2><i>${title}</i></h2><p>HTTP ${status}</p></body></html>`;
