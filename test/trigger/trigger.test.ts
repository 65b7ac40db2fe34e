import { memoryKey } from '../../nodes/SmsCenterTrigger/helpers/eventId';
import { runSmsCenter } from '../harness/executeWorkflow';
import { useSandbox } from '../harness/sandbox';
import {
	call,
	callWithType,
	deliverByGateway,
	deliveredOnRetry,
	DELIVERED,
	notification,
	notify,
	SECRET,
	useTriggers,
	waitFor,
} from './notifications';

const TOKENS =
	'MsgID={MsgID}&MSISDN={MSISDN}&StatusCode={StatusCode}&StatusDes={StatusDes}&ReasonCode={ReasonCode}&ReasonDes={ReasonDes}&Date={Dlr_ddmmyyyhhmmss}';

describe('SMSCenter Trigger over real HTTP', () => {
	const sandbox = useSandbox({ timeScale: 1e-5 });
	const startTrigger = useTriggers();

	it("turns the gateway's delivery notifications for a sent SMS into workflow events, answering _OK_", async () => {
		const trigger = await startTrigger({}, { credentialSecret: SECRET });
		sandbox.setNotificationUrl('demo', `${trigger.productionUrl}?key=${SECRET}&${TOKENS}`);
		const sent = await runSmsCenter(sandbox.url, {
			resource: 'sms',
			operation: 'send',
			recipients: '0541234560, 0541234567',
			message: 'Hi',
			senderName: 'MyShop',
		});
		expect(sent.output()[0].json.messageId).toBe('1000001');

		await waitFor(() => sandbox.dlrAttempts().length === 4);
		await sandbox.dlr.idle();
		expect(sandbox.dlrAttempts().map((a) => [a.statusCode, a.ok, a.httpStatus, a.body])).toEqual(
			expect.arrayContaining([
				[300, true, 200, '_OK_'],
				[300, true, 200, '_OK_'],
				[600, true, 200, '_OK_'],
				[700, true, 200, '_OK_'],
			]),
		);
		const events = trigger.executions.map((items) => items[0].json);
		expect(events).toHaveLength(2);
		const delivered = events.find((e) => (e.status as { code: number }).code === 600)!;
		expect(delivered).toMatchObject({
			valid: true,
			problems: [],
			messageId: '1000001',
			msisdn: '972541234560',
			msisdnNormalised: '0541234560',
			status: {
				code: 600,
				name: 'Delivered',
				final: true,
				delivered: true,
				gatewayText: 'Delivered',
			},
			reason: { code: 601, description: 'Message delivered' },
		});
		expect(delivered.deliveredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
		const undelivered = events.find((e) => (e.status as { code: number }).code === 700)!;
		expect(undelivered).toMatchObject({
			msisdnNormalised: '0541234567',
			status: { name: 'Undeliver', delivered: false },
			reason: { code: 703, description: 'Unknown subscriber' },
		});
		expect(JSON.stringify(events)).not.toContain(SECRET);
	});

	it('refuses a missing or wrong secret with 401 and starts nothing; the gateway keeps retrying', async () => {
		const trigger = await startTrigger({}, { credentialSecret: SECRET });
		expect(
			await callWithType(notification(trigger.productionUrl, { ...DELIVERED, key: 'guess' })),
		).toEqual({ status: 401, contentType: 'text/plain; charset=utf-8', body: 'Unauthorized' });
		const { key: _key, ...withoutKey } = DELIVERED;
		expect((await notify(trigger, withoutKey)).status).toBe(401);

		deliverByGateway(sandbox, trigger, { ...DELIVERED, key: 'old-secret' });
		await waitFor(() => sandbox.dlrAttempts().length >= 3);
		expect(
			sandbox
				.dlrAttempts()
				.slice(0, 3)
				.map((a) => [a.ok, a.httpStatus, a.scheduledMinute]),
		).toEqual([
			[false, 401, 0],
			[false, 401, 5],
			[false, 401, 10],
		]);
		expect(trigger.executions).toHaveLength(0);
		sandbox.dlr.close();
	});

	it('refuses callers outside the IP allowlist with 403', async () => {
		let trigger = await startTrigger(
			{ options: { allowedIps: '203.0.113.0/24' } },
			{ credentialSecret: SECRET },
		);
		expect(await notify(trigger)).toMatchObject({
			status: 403,
			body: 'Forbidden',
		});
		expect(trigger.executions).toHaveLength(0);
		await trigger.close();
		trigger = await startTrigger(
			{ options: { allowedIps: '203.0.113.0/24, 127.0.0.0/8' } },
			{ credentialSecret: SECRET },
		);
		expect(await notify(trigger)).toMatchObject({
			status: 200,
			body: '_OK_',
		});
		expect(trigger.executions).toHaveLength(1);
	});

	it('answers repeated notifications _OK_ and starts them only once', async () => {
		const trigger = await startTrigger({}, { credentialSecret: SECRET });
		for (let i = 0; i < 3; i++)
			expect(await notify(trigger)).toMatchObject({
				status: 200,
				body: '_OK_',
			});
		expect(await notify(trigger, { ...DELIVERED, StatusCode: '700' })).toMatchObject({
			body: '_OK_',
		});
		expect(trigger.executions).toHaveLength(2);
		const memory = (
			trigger.staticData['node:SMSCenter Trigger'] as {
				deliveryMemory: { b: Array<[string, string]> };
			}
		).deliveryMemory;
		expect(memory.b.map(([, keys]) => keys).join('')).toBe(
			memoryKey('1000001-972541234560-600') + memoryKey('1000001-972541234560-700'),
		);
	});

	it('acknowledges statuses outside the filter without starting the workflow', async () => {
		const trigger = await startTrigger({ statuses: ['600'] }, { credentialSecret: SECRET });
		expect(await notify(trigger, { ...DELIVERED, StatusCode: '300' })).toMatchObject({
			status: 200,
			body: '_OK_',
		});
		expect(await notify(trigger, { ...DELIVERED, StatusCode: '700' })).toMatchObject({
			status: 200,
			body: '_OK_',
		});
		expect(trigger.executions).toHaveLength(0);
		expect(await notify(trigger)).toMatchObject({
			status: 200,
			body: '_OK_',
		});
		expect(trigger.executions).toHaveLength(1);
	});

	it('emits malformed notifications with valid false and what is wrong, or rejects them when asked', async () => {
		let trigger = await startTrigger({}, { credentialSecret: SECRET });
		const broken = {
			key: SECRET,
			MSISDN: '972541234560',
			StatusCode: '600',
			Date: '32132026250000',
		};
		expect(await notify(trigger, broken)).toMatchObject({
			status: 200,
			body: '_OK_',
		});
		expect(trigger.executions[0][0].json).toMatchObject({
			valid: false,
			problems: [
				'the message ID (MsgID) is missing',
				'the date "32132026250000" is not DDMMYYYYHHMMSS',
			],
			deliveredAt: null,
		});
		await trigger.close();
		trigger = await startTrigger(
			{ options: { rejectMalformed: true } },
			{ credentialSecret: SECRET },
		);
		expect(await callWithType(notification(trigger.productionUrl, broken))).toEqual({
			status: 400,
			contentType: 'text/plain; charset=utf-8',
			body: 'Bad Request: the message ID (MsgID) is missing; the date "32132026250000" is not DDMMYYYYHHMMSS',
		});
		expect(trigger.executions).toHaveLength(0);
	});

	it('accepts the same fields as a POST form', async () => {
		const trigger = await startTrigger({}, { credentialSecret: SECRET });
		const response = await call(trigger.productionUrl, {
			method: 'POST',
			body: new URLSearchParams(DELIVERED).toString(),
		});
		expect(response).toMatchObject({ status: 200, body: '_OK_' });
		expect(trigger.executions[0][0].json).toMatchObject({
			messageId: '1000001',
			status: { code: 600 },
		});
	});

	it("in Respond to Webhook mode a failed run is not acknowledged, so the gateway's retry delivers it again", async () => {
		let runs = 0;
		const trigger = await startTrigger(
			{ acknowledge: 'responseNode' },
			{ credentialSecret: SECRET, workflowOutcome: () => (++runs === 1 ? 'failure' : 'success') },
		);
		await deliveredOnRetry(sandbox, trigger);
		expect(trigger.executions).toHaveLength(2);
	});

	it('records the registered URL on activation and forgets it on deactivation', async () => {
		const trigger = await startTrigger({}, { credentialSecret: SECRET });
		expect(await trigger.lifecycle('checkExists')).toBe(false);
		expect(await trigger.lifecycle('create')).toBe(true);
		expect(await trigger.lifecycle('checkExists')).toBe(true);
		expect(await trigger.lifecycle('delete')).toBe(true);
		expect(await trigger.lifecycle('checkExists')).toBe(false);
	});
});
