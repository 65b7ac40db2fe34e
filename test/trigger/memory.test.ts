import { request } from 'undici';
import { memoryKey } from '../../nodes/SmsCenterTrigger/helpers/eventId';
import { useSandbox } from '../harness/sandbox';
import { startTriggerServer, TRIGGER_NODE, type TriggerServer } from '../harness/triggerServer';
import {
	deliveredOnRetry,
	DELIVERED,
	notification,
	notify,
	SECRET,
	useTriggers,
	waitFor,
} from './notifications';

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
	const sandbox = useSandbox({ timeScale: 1e-5 });
	const startTrigger = useTriggers();

	it("when n8n cannot start the first run, the gateway's retry starts it (not dropped as a duplicate)", async () => {
		let starts = 0;
		const trigger = await startTrigger(
			{},
			{ credentialSecret: SECRET, runStart: () => (++starts === 1 ? 'refused' : 'taken') },
		);
		await deliveredOnRetry(sandbox, trigger);
		expect(trigger.executions).toHaveLength(1);
		expect(trigger.executions[0][0].json).toMatchObject({ eventId: '1000001-972541234560-600' });
		expect(storedKeys(trigger)).toEqual([keyOf(1000001)]);
		// Now it was taken: a further repeat starts nothing.
		expect(await notify(trigger)).toEqual({
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
			const trigger = await startTrigger(
				{},
				{
					credentialSecret: SECRET,
					runStart: () => (++starts === 1 ? slowly('taken')() : 'taken'),
				},
			);
			await callGivingUp(notification(trigger.productionUrl, DELIVERED));
			expect(await notify(trigger)).toEqual({
				status: 409,
				body: 'Conflict: this report is still being started; retry later',
			});
			await waitFor(() => trigger.executions.length === 1);
			await new Promise((resolve) => setTimeout(resolve, 50));
			expect(await notify(trigger)).toEqual({
				status: 200,
				body: '_OK_',
			});
			expect(trigger.executions).toHaveLength(1);
			expect(storedKeys(trigger)).toEqual([keyOf(1000001)]);
		});

		it('when n8n then fails to start the run, the retry starts it: one run, nothing lost', async () => {
			let starts = 0;
			const trigger = await startTrigger(
				{},
				{
					credentialSecret: SECRET,
					runStart: () => (++starts === 1 ? slowly('refused')() : 'taken'),
				},
			);
			await callGivingUp(notification(trigger.productionUrl, DELIVERED));
			expect((await notify(trigger)).status).toBe(409);
			await new Promise((resolve) => setTimeout(resolve, 900));
			expect(await notify(trigger)).toEqual({
				status: 200,
				body: '_OK_',
			});
			expect(trigger.executions).toHaveLength(1);
			expect(storedKeys(trigger)).toEqual([keyOf(1000001)]);
		});
	});

	it('stores nothing for a run that was not taken', async () => {
		const trigger = await startTrigger({}, { credentialSecret: SECRET, runStart: () => 'refused' });
		expect((await notify(trigger)).status).toBe(500);
		expect(storedKeys(trigger)).toEqual([]);
		expect(trigger.executions).toHaveLength(0);
	});

	it('stores every new report with the call that starts its run, oldest first, in compact form', async () => {
		const trigger = await startTrigger({}, { credentialSecret: SECRET });
		for (let id = 1; id <= 5; id++) await notify(trigger, report(id));
		expect(trigger.executions).toHaveLength(5);
		expect(storedKeys(trigger)).toEqual([1, 2, 3, 4, 5].map(keyOf));
		expect(trigger.storedStaticData.length).toBeLessThan(300);
	});

	it('after a restart of the process, the stored memory still stops repeats, and new reports are added to it', async () => {
		const before = await startTriggerServer({}, { credentialSecret: SECRET });
		for (let id = 1; id <= 3; id++) await notify(before, report(id));
		const stored = before.storedStaticData;
		await before.close();

		jest.resetModules();
		const trigger = await startTrigger(
			{},
			{ credentialSecret: SECRET, storedStaticData: stored, workflowId: before.workflowId },
		);
		for (let id = 1; id <= 3; id++)
			expect(await notify(trigger, report(id))).toEqual({
				status: 200,
				body: '_OK_',
			});
		expect(trigger.executions).toHaveLength(0);
		await notify(trigger, report(4));
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
		const trigger = await startTrigger({}, { credentialSecret: SECRET, storedStaticData: old });
		await notify(trigger, report(2));
		expect(trigger.staticData[`node:${TRIGGER_NODE}`]).not.toHaveProperty('seen');
		expect(storedKeys(trigger)).toEqual([keyOf(2)]);
	});

	it('remembers nothing with a duplicate window of 0, nor in Respond to Webhook mode', async () => {
		let trigger = await startTrigger(
			{ options: { duplicateWindowHours: 0 } },
			{ credentialSecret: SECRET },
		);
		await notify(trigger);
		await notify(trigger);
		expect(trigger.executions).toHaveLength(2);
		expect(storedKeys(trigger)).toEqual([]);
		await trigger.close();
		trigger = await startTrigger({ acknowledge: 'responseNode' }, { credentialSecret: SECRET });
		await notify(trigger);
		await notify(trigger);
		expect(trigger.executions).toHaveLength(2);
		expect(storedKeys(trigger)).toEqual([]);
	});

	it('an empty Acknowledge (an imported workflow) is On Receipt, as n8n answers it: repeats are suppressed', async () => {
		const trigger = await startTrigger({ acknowledge: '' }, { credentialSecret: SECRET });
		expect(await notify(trigger)).toEqual({ status: 200, body: '_OK_' });
		expect(await notify(trigger)).toEqual({ status: 200, body: '_OK_' });
		expect(trigger.executions).toHaveLength(1);
		expect(storedKeys(trigger)).toEqual([keyOf(Number(DELIVERED.MsgID))]);
	});
});
