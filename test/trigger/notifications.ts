import { request } from 'undici';
import type { Sandbox } from '../../sandbox/server';
import { reportFields } from '../../scripts/n8n/deliveryReports';
import { startTriggerServer, type TriggerServer } from '../harness/triggerServer';

/**
 * Shared by the trigger tests: a secret, a genuine notification's fields, plain HTTP calls, and
 * trigger servers that close after each test.
 */
export const SECRET = 'Zq8rT3vW9xY2aB5cD7eF1gH4';

export const DELIVERED: Record<string, string> = reportFields(SECRET, '1000001');

export function notification(base: string, fields: Record<string, string>): string {
	return `${base}?${new URLSearchParams(fields).toString()}`;
}

interface CallInit {
	method?: 'GET' | 'POST';
	body?: string;
	headers?: Record<string, string>;
}

/** One HTTP call: the status, the content type and the body of the answer. */
export async function callWithType(url: string, init: CallInit = {}) {
	const headers = {
		...(init.body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
		...init.headers,
	};
	const response = await request(url, { method: init.method ?? 'GET', body: init.body, headers });
	return {
		status: response.statusCode,
		contentType: String(response.headers['content-type']),
		body: await response.body.text(),
	};
}

/** One HTTP call: the status and the body of the answer. */
export async function call(url: string, init: CallInit = {}) {
	const { status, body } = await callWithType(url, init);
	return { status, body };
}

export async function waitFor(check: () => boolean, ms = 5000): Promise<void> {
	const until = Date.now() + ms;
	while (!check()) {
		if (Date.now() > until) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

/** Starts trigger servers for the tests of the enclosing describe block and closes each after its test. */
export function useTriggers(): typeof startTriggerServer {
	const started: TriggerServer[] = [];
	afterEach(async () => {
		await Promise.all(started.splice(0).map(async (trigger) => trigger.close()));
	});
	return async (...args) => {
		const trigger = await startTriggerServer(...args);
		started.push(trigger);
		return trigger;
	};
}

/** The sandbox's gateway sends the notification to the trigger, retrying on its schedule as SMSCenter does. */
export function deliverByGateway(
	sandbox: Sandbox,
	trigger: TriggerServer,
	fields: Record<string, string> = DELIVERED,
): void {
	sandbox.dlr.deliver(notification(trigger.productionUrl, fields), {
		messageId: fields.MsgID,
		msisdn: fields.MSISDN,
		statusCode: Number(fields.StatusCode),
	});
}

/** The gateway's call to the trigger's production URL with these fields. */
export async function notify(
	trigger: Pick<TriggerServer, 'productionUrl'>,
	fields: Record<string, string> = DELIVERED,
) {
	return await call(notification(trigger.productionUrl, fields));
}

/** The gateway delivers the notification: its first attempt answered 500, its retry five minutes later 200. */
export async function deliveredOnRetry(sandbox: Sandbox, trigger: TriggerServer): Promise<void> {
	deliverByGateway(sandbox, trigger);
	await sandbox.dlr.idle();
	expect(sandbox.dlrAttempts().map((a) => [a.scheduledMinute, a.httpStatus, a.ok])).toEqual([
		[0, 500, false],
		[5, 200, true],
	]);
}
