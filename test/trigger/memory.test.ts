import { startSandbox, type Sandbox } from '../../sandbox/server';
import { memoryKey } from '../../nodes/SmsCenterTrigger/helpers/eventId';
import { startTriggerServer, TRIGGER_NODE, type TriggerServer } from '../harness/triggerServer';
import { request } from 'undici';
import { call, DELIVERED, notification, SECRET } from './notifications';

async function waitFor(check: () => boolean, ms = 5000): Promise<void> {
	const until = Date.now() + ms;
	while (!check()) {
		if (Date.now() > until) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

interface StoredMemoryJson {
	v: number;
	w: string;
	b: Array<[string, string]>;
}

function storedKeys(trigger: TriggerServer): string[] {
	const memory = (
		trigger.staticData[`node:${TRIGGER_NODE}`] as { deliveryMemory?: StoredMemoryJson } | undefined
	)?.deliveryMemory;
	return (memory?.b ?? []).flatMap(([, keys]) => keys.match(/.{11}/g) ?? []);
}

const report = (id: number) => ({ ...DELIVERED, MsgID: String(id) });
const keyOf = (id: number) => memoryKey(`${id}-972541234560-600`);

describe('SMSCenter Trigger: a report is remembered only once n8n has taken its run', () => {
	let sandbox: Sandbox;
	let trigger: TriggerServer | undefined;
	beforeAll(async () => {
		sandbox = await startSandbox({ timeScale: 1e-5 });
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => sandbox.reset());
	afterEach(async () => {
		await trigger?.close();
		trigger = undefined;
	});

	it("when n8n cannot start the first run, the gateway's retry starts it (not dropped as a duplicate)", async () => {
		let starts = 0;
		trigger = await startTriggerServer(
			{},
			{ credentialSecret: SECRET, runStart: () => (++starts === 1 ? 'refused' : 'taken') },
		);
		sandbox.dlr.deliver(notification(trigger.productionUrl, DELIVERED), {
			messageId: '1000001',
			msisdn: '972541234560',
			statusCode: 600,
		});
		await sandbox.dlr.idle();
		expect(sandbox.dlrAttempts().map((a) => [a.scheduledMinute, a.httpStatus, a.ok])).toEqual([
			[0, 500, false],
			[5, 200, true],
		]);
		expect(trigger.executions).toHaveLength(1);
		expect(trigger.executions[0][0].json).toMatchObject({ eventId: '1000001-972541234560-600' });
		expect(storedKeys(trigger)).toEqual([keyOf(1000001)]);
		// Now it was taken: a further repeat starts nothing.
		expect(await call(notification(trigger.productionUrl, DELIVERED))).toEqual({
			status: 200,
			body: '_OK_',
		});
		expect(trigger.executions).toHaveLength(1);
	});

	describe('a gateway that stops waiting before n8n answers (a timeout under load)', () => {
		const callGivingUp = async (url: string) => {
			const controller = new AbortController();
			const timer = setTimeout(() => controller.abort(), 100);
			await request(url, { signal: controller.signal }).then(
				async (response) => response.body.text(),
				() => undefined,
			);
			clearTimeout(timer);
		};
		const slowly = (outcome: 'taken' | 'refused') => () =>
			new Promise<'taken' | 'refused'>((resolve) => setTimeout(() => resolve(outcome), 600));

		it('its retry is told to come back while n8n decides, then acknowledged once the run was taken: one run', async () => {
			let starts = 0;
			trigger = await startTriggerServer(
				{},
				{
					credentialSecret: SECRET,
					runStart: () => (++starts === 1 ? slowly('taken')() : 'taken'),
				},
			);
			await callGivingUp(notification(trigger.productionUrl, DELIVERED));
			expect(await call(notification(trigger.productionUrl, DELIVERED))).toEqual({
				status: 409,
				body: 'Conflict: this report is still being started; retry later',
			});
			await waitFor(() => trigger!.executions.length === 1);
			await new Promise((resolve) => setTimeout(resolve, 50));
			expect(await call(notification(trigger.productionUrl, DELIVERED))).toEqual({
				status: 200,
				body: '_OK_',
			});
			expect(trigger.executions).toHaveLength(1);
			expect(storedKeys(trigger)).toEqual([keyOf(1000001)]);
		});

		it('when n8n then fails to start the run, the retry starts it: one run, nothing lost', async () => {
			let starts = 0;
			trigger = await startTriggerServer(
				{},
				{
					credentialSecret: SECRET,
					runStart: () => (++starts === 1 ? slowly('refused')() : 'taken'),
				},
			);
			await callGivingUp(notification(trigger.productionUrl, DELIVERED));
			expect((await call(notification(trigger.productionUrl, DELIVERED))).status).toBe(409);
			await new Promise((resolve) => setTimeout(resolve, 900));
			expect(await call(notification(trigger.productionUrl, DELIVERED))).toEqual({
				status: 200,
				body: '_OK_',
			});
			expect(trigger.executions).toHaveLength(1);
			expect(storedKeys(trigger)).toEqual([keyOf(1000001)]);
		});
	});

	it('stores nothing for a run that was not taken', async () => {
		trigger = await startTriggerServer({}, { credentialSecret: SECRET, runStart: () => 'refused' });
		expect((await call(notification(trigger.productionUrl, DELIVERED))).status).toBe(500);
		expect(storedKeys(trigger)).toEqual([]);
		expect(trigger.executions).toHaveLength(0);
	});

	it('stores every new report with the call that starts its run, oldest first, in compact form', async () => {
		trigger = await startTriggerServer({}, { credentialSecret: SECRET });
		for (let id = 1; id <= 5; id++) await call(notification(trigger.productionUrl, report(id)));
		expect(trigger.executions).toHaveLength(5);
		expect(storedKeys(trigger)).toEqual([1, 2, 3, 4, 5].map(keyOf));
		expect(trigger.storedStaticData.length).toBeLessThan(300);
	});

	it('after a restart of the process, the stored memory still stops repeats, and new reports are added to it', async () => {
		const before = await startTriggerServer({}, { credentialSecret: SECRET });
		for (let id = 1; id <= 3; id++) await call(notification(before.productionUrl, report(id)));
		const stored = before.storedStaticData;
		await before.close();

		jest.resetModules();
		trigger = await startTriggerServer(
			{},
			{ credentialSecret: SECRET, storedStaticData: stored, workflowId: before.workflowId },
		);
		for (let id = 1; id <= 3; id++)
			expect(await call(notification(trigger.productionUrl, report(id)))).toEqual({
				status: 200,
				body: '_OK_',
			});
		expect(trigger.executions).toHaveLength(0);
		await call(notification(trigger.productionUrl, report(4)));
		expect(trigger.executions).toHaveLength(1);
		expect(storedKeys(trigger)).toEqual([1, 2, 3, 4].map(keyOf));
		// Written by the new process (a fresh module), which took the old one's memory in.
		const writer = (data: string) =>
			(JSON.parse(data) as Record<string, { deliveryMemory: StoredMemoryJson }>)[
				`node:${TRIGGER_NODE}`
			].deliveryMemory.w;
		expect(writer(trigger.storedStaticData)).not.toBe(writer(stored));
	});

	it('a version 0.1 memory (`seen`) is replaced by the compact one on the first write', async () => {
		const old = JSON.stringify({
			[`node:${TRIGGER_NODE}`]: { seen: { '1000001|0541234560|600': Date.now() } },
		});
		trigger = await startTriggerServer({}, { credentialSecret: SECRET, storedStaticData: old });
		await call(notification(trigger.productionUrl, report(2)));
		expect(trigger.staticData[`node:${TRIGGER_NODE}`]).not.toHaveProperty('seen');
		expect(storedKeys(trigger)).toEqual([keyOf(2)]);
	});

	it('remembers nothing with a duplicate window of 0, nor in Respond to Webhook mode', async () => {
		trigger = await startTriggerServer(
			{ options: { duplicateWindowHours: 0 } },
			{ credentialSecret: SECRET },
		);
		await call(notification(trigger.productionUrl, DELIVERED));
		await call(notification(trigger.productionUrl, DELIVERED));
		expect(trigger.executions).toHaveLength(2);
		expect(storedKeys(trigger)).toEqual([]);
		await trigger.close();
		trigger = await startTriggerServer(
			{ acknowledge: 'responseNode' },
			{ credentialSecret: SECRET },
		);
		await call(notification(trigger.productionUrl, DELIVERED));
		await call(notification(trigger.productionUrl, DELIVERED));
		expect(trigger.executions).toHaveLength(2);
		expect(storedKeys(trigger)).toEqual([]);
	});
});
