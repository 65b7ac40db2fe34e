import { idMaker, linearWorkflow, postWebhook } from '../../scripts/n8n/workflowJson';
import { CREDENTIAL_ID } from './workflows';

/** Workflows of the reliability suite's send cases: webhook-started, so a test runs them over HTTP. */
const uuid = idMaker('30000000');
const credentials = { smsCenterApi: { id: CREDENTIAL_ID, name: 'SMSCenter sandbox' } };

export const RETRY_WORKFLOW_ID = 'RelRetrySend0001';
export const RETRY_PATH = 'rel-retry-send';
export const GARBAGE_WORKFLOW_ID = 'RelGarbageOpts01';
export const GARBAGE_PATH = 'rel-garbage-options';

/** Items from the request body, each sent as its own text, with n8n's Retry On Fail on the SMSCenter node. */
export const retryWorkflow = linearWorkflow(RETRY_WORKFLOW_ID, 'Send with Retry On Fail', [
	postWebhook(uuid, RETRY_PATH, 'allEntries'),
	{
		id: uuid(),
		name: 'Split Out',
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		position: [200, 0],
		parameters: { fieldToSplitOut: 'body.items', options: {} },
	},
	{
		id: uuid(),
		name: 'Send SMS',
		type: 'n8n-nodes-smscenter.smsCenter',
		typeVersion: 1,
		position: [400, 0],
		retryOnFail: true,
		maxTries: 3,
		waitBetweenTries: 10,
		parameters: {
			resource: 'sms',
			operation: 'send',
			recipients: '={{ $json.to }}',
			message: '={{ $json.text }}',
			senderName: 'MyShop',
			options: {},
		},
		credentials,
	},
]);
/** Every numeric and option setting of a send from the request body, as an expression would give it. */
export const garbageWorkflow = linearWorkflow(
	GARBAGE_WORKFLOW_ID,
	'Send with options from the request',
	[
		postWebhook(uuid, GARBAGE_PATH, 'allEntries'),
		{
			id: uuid(),
			name: 'Send SMS',
			type: 'n8n-nodes-smscenter.smsCenter',
			typeVersion: 1,
			position: [200, 0],
			parameters: {
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
			credentials,
		},
	],
);
