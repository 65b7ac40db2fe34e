import { nodeLogger } from '../harness/triggerServer';
import { call, DELIVERED, notify, SECRET, useTriggers } from './notifications';

describe('SMSCenter Trigger: the secret lives in a credential', () => {
	const startTrigger = useTriggers();
	afterEach(() => {
		jest.restoreAllMocks();
	});

	it("accepts the credential's secret and refuses any other, of any length, with 401", async () => {
		const trigger = await startTrigger({}, { credentialSecret: SECRET });
		expect(await notify(trigger)).toEqual({
			status: 200,
			body: '_OK_',
		});
		for (const key of ['', 'guess', SECRET.slice(0, -1), `${SECRET}x`, SECRET.toLowerCase()]) {
			expect(await notify(trigger, { ...DELIVERED, MsgID: '1000002', key })).toEqual({
				status: 401,
				body: 'Unauthorized',
			});
		}
		expect(trigger.executions).toHaveLength(1);
	});

	it('keeps the secret out of the workflow, its static data and every event', async () => {
		const trigger = await startTrigger({ statuses: ['600'] }, { credentialSecret: SECRET });
		await trigger.lifecycle('create');
		await notify(trigger);
		await notify(trigger, { ...DELIVERED, KEY: SECRET, key: SECRET });
		await call(trigger.productionUrl, {
			method: 'POST',
			body: new URLSearchParams({ ...DELIVERED, MsgID: '1000003' }).toString(),
		});
		expect(trigger.executions).toHaveLength(2);
		expect(JSON.stringify(trigger.executions)).not.toContain(SECRET);
		expect(trigger.storedStaticData).not.toContain(SECRET);
	});

	it('a node of the current version without a credential does not activate, and refuses every call', async () => {
		const trigger = await startTrigger({ secret: SECRET });
		await expect(trigger.lifecycle('create')).rejects.toThrow(
			'Secret: choose an SMSCenter Trigger API credential',
		);
		expect(await notify(trigger)).toEqual({
			status: 401,
			body: 'Unauthorized',
		});
	});

	describe('version 1 nodes, which kept the secret as a plain parameter', () => {
		it('still work with the parameter, and warn at activation that it is readable', async () => {
			const warnings = jest.spyOn(nodeLogger(), 'warn').mockImplementation(() => {});
			const trigger = await startTrigger({ secret: SECRET }, { typeVersion: 1 });
			expect(await trigger.lifecycle('create')).toBe(true);
			expect(warnings).toHaveBeenCalledWith(
				expect.stringContaining('the secret is a plain node parameter'),
			);
			expect(await notify(trigger)).toEqual({
				status: 200,
				body: '_OK_',
			});
			expect(await notify(trigger, { ...DELIVERED, key: 'guess' })).toEqual({
				status: 401,
				body: 'Unauthorized',
			});
		});

		it('use the credential once one is chosen, whatever the old parameter holds', async () => {
			const trigger = await startTrigger(
				{ secret: 'old-secret-in-clear' },
				{ typeVersion: 1, credentialSecret: SECRET },
			);
			expect(await notify(trigger)).toEqual({
				status: 200,
				body: '_OK_',
			});
			expect(await notify(trigger, { ...DELIVERED, key: 'old-secret-in-clear' })).toEqual({
				status: 401,
				body: 'Unauthorized',
			});
		});
	});
});
