import { RESPOND_NODE_TO_PASTE } from '../../nodes/SmsCenterTrigger/helpers/acknowledgement';
import { SECRET, useTriggers } from './notifications';

const RESPOND = 'n8n-nodes-base.respondToWebhook';
const store = { name: 'Upsert report', type: 'n8n-nodes-base.postgres', typeVersion: 2.6 };
const answerOk = { respondWith: 'text', responseBody: '_OK_', options: {} };
const responder = (typeVersion: number, extra: Record<string, unknown> = {}) => ({
	name: 'Answer OK',
	type: RESPOND,
	typeVersion,
	parameters: answerOk,
	...extra,
});

/**
 * "After the Workflow" needs a Respond to Webhook node that n8n will run after this trigger (version 1);
 * activation refuses a workflow whose reports would never be acknowledged, naming the node.
 */
describe('SMSCenter Trigger: acknowledging after the workflow', () => {
	const startTrigger = useTriggers();
	const afterWorkflow = { acknowledge: 'responseNode' };

	it.each([1.1, 1.5])(
		'refuses activation with Respond to Webhook version %s, naming it and the fix',
		async (typeVersion) => {
			const trigger = await startTrigger(afterWorkflow, {
				credentialSecret: SECRET,
				following: [store, responder(typeVersion)],
			});
			for (const method of ['checkExists', 'create'] as const)
				await expect(trigger.lifecycle(method)).rejects.toThrow(
					`Acknowledge: Respond to Webhook "Answer OK" (version ${typeVersion}) cannot answer for this trigger`,
				);
		},
	);

	it('refuses activation without any Respond to Webhook node after the trigger', async () => {
		const trigger = await startTrigger(afterWorkflow, {
			credentialSecret: SECRET,
			following: [store, responder(1, { name: 'Old answer', disabled: true })],
		});
		await expect(trigger.lifecycle('create')).rejects.toThrow(
			'Acknowledge: After the Workflow needs a Respond to Webhook node (version 1) after the trigger answering _OK_ ("Old answer" is deactivated)',
		);
	});

	it('activates with version 1 after the trigger, and On Receipt needs none', async () => {
		const trigger = await startTrigger(afterWorkflow, {
			credentialSecret: SECRET,
			following: [store, responder(1)],
		});
		expect(await trigger.lifecycle('create')).toBe(true);
		// A later version works where one of n8n's own webhook nodes (here Wait) comes before it.
		const afterWait = await startTrigger(afterWorkflow, {
			credentialSecret: SECRET,
			following: [
				store,
				{ name: 'Wait', type: 'n8n-nodes-base.wait', typeVersion: 1.1 },
				responder(1.5),
			],
		});
		expect(await afterWait.lifecycle('create')).toBe(true);
		const onReceipt = await startTrigger({}, { credentialSecret: SECRET, following: [store] });
		expect(await onReceipt.lifecycle('create')).toBe(true);
	});

	it.each([
		['the first item as JSON (the default)', { options: {} }],
		['another text', { respondWith: 'text', responseBody: 'OK', options: {} }],
	])('refuses a Respond to Webhook node answering %s', async (_, parameters) => {
		const trigger = await startTrigger(afterWorkflow, {
			credentialSecret: SECRET,
			following: [store, responder(1, { parameters })],
		});
		await expect(trigger.lifecycle('create')).rejects.toThrow(
			'Acknowledge: Respond to Webhook "Answer OK" must answer with Text holding _OK_',
		);
	});

	it('the node to paste is a Respond to Webhook version 1 answering _OK_', () => {
		const pasted = JSON.parse(RESPOND_NODE_TO_PASTE) as {
			nodes: Array<{ type: string; typeVersion: number; parameters: Record<string, unknown> }>;
		};
		expect(pasted.nodes).toEqual([
			expect.objectContaining({
				type: RESPOND,
				typeVersion: 1,
				parameters: { respondWith: 'text', responseBody: '_OK_', options: {} },
			}),
		]);
	});
});
