import type { Sandbox } from '../../sandbox/server';
import type { N8nInstance } from '../../scripts/n8n/instance';
import {
	idMaker,
	linearWorkflow,
	postWebhook,
	SEND_EACH_ITEM,
	smsCenterNode,
	splitItems,
} from '../../scripts/n8n/workflowJson';
import { executions, postJson, waitFor } from './fixtures';
import { CREDENTIAL_ID } from './workflows';

/** Workflows of the reliability suite's send cases: webhook-started, so a test runs them over HTTP. */
const uuid = idMaker('30000000');
const credential = { id: CREDENTIAL_ID, name: 'SMSCenter sandbox' };

export const RETRY_WORKFLOW_ID = 'RelRetrySend0001';
export const RETRY_PATH = 'rel-retry-send';
export const GARBAGE_WORKFLOW_ID = 'RelGarbageOpts01';
export const GARBAGE_PATH = 'rel-garbage-options';

/** Items from the request body, each sent as its own text, with n8n's Retry On Fail on the SMSCenter node. */
export const retryWorkflow = linearWorkflow(RETRY_WORKFLOW_ID, 'Send with Retry On Fail', [
	postWebhook(uuid, RETRY_PATH, 'allEntries'),
	splitItems(uuid),
	smsCenterNode(uuid, 'Send SMS', 400, { ...SEND_EACH_ITEM, options: {} }, credential, {
		retryOnFail: true,
		maxTries: 3,
		waitBetweenTries: 10,
	}),
]);

/**
 * Runs the Retry On Fail workflow with three texts while the gateway answers the second request
 * with HTTP 500: the gateway sees each text once, two are sent, and the failed execution says which
 * request was not sent again and names the message IDs of those that were. Gives that execution,
 * as stored.
 */
export async function expectRetryAfterHttp500SendsEachTextOnce(
	n8n: N8nInstance,
	sandbox: Sandbox,
): Promise<string> {
	sandbox.injectFault('SendMessageReturnMessageID', { kind: 'http500', after: 1, times: 1 });
	const items = ['first', 'second', 'third'].map((text, i) => ({ to: `054123456${i}`, text }));
	await postJson(`${n8n.url}/webhook/${RETRY_PATH}`, { items });
	const failed = await waitFor('the failed execution', async () => {
		const list = (await executions(n8n, RETRY_WORKFLOW_ID)).filter((e) => e.status !== 'success');
		return list.length > 0 ? list : undefined;
	});
	const texts = sandbox.requests.map((r) => new URLSearchParams(r.body).get('Message'));
	expect(texts.sort()).toEqual(['first', 'second', 'third']);
	expect(sandbox.messages()).toHaveLength(2);
	expect(failed.map((e) => e.status)).toEqual(['error']);
	const stored = JSON.stringify(failed[0].data);
	expect(stored).toContain(
		'not sent again: an earlier try of this execution may already have sent it',
	);
	for (const message of sandbox.messages()) expect(stored).toContain(`(message ID ${message.id})`);
	return stored;
}

/** Every numeric and option setting of a send from the request body, as an expression would give it. */
export const garbageWorkflow = linearWorkflow(
	GARBAGE_WORKFLOW_ID,
	'Send with options from the request',
	[
		postWebhook(uuid, GARBAGE_PATH, 'allEntries'),
		smsCenterNode(
			uuid,
			'Send SMS',
			200,
			{
				resource: 'sms',
				operation: 'send',
				recipients: '0541234560',
				message: 'Options from outside',
				senderName: 'MyShop',
				options: {
					batchSize: '={{ $json.body.batchSize }}',
					concurrency: '={{ $json.body.concurrency }}',
					delayMinutes: '={{ $json.body.delayMinutes }}',
					messageOption: '={{ $json.body.messageOption }}',
				},
				connection: { timeoutSeconds: '={{ $json.body.timeoutSeconds }}' },
			},
			credential,
		),
	],
);
