import {
	idMaker,
	linearWorkflow,
	postWebhook,
	SEND_EACH_ITEM,
	smsCenterNode,
	smsCenterTrigger,
	splitItems,
} from '../../scripts/n8n/workflowJson';

/** Workflows the end-to-end tests import into a real n8n. Webhook-started, so a test can run them over HTTP. */
export const CREDENTIAL_ID = 'SmsCenterE2eCred1';
export const DLR_WEBHOOK_ID = '0c9f4b2a-5d6e-4f70-8a1b-2c3d4e5f6a7b';
export const DLR_WORKFLOW_ID = 'SmsCenterE2eDlr01';

const credential = { id: CREDENTIAL_ID, name: 'SMSCenter sandbox' };
const uuid = idMaker('00000000');
const webhook = (path: string) => postWebhook(uuid, path, 'allEntries');
const workflow = linearWorkflow;
const smsCenter = (name: string, parameters: Record<string, unknown>, x: number) =>
	smsCenterNode(uuid, name, x, parameters, credential);

export const WEBHOOK_WORKFLOWS = [
	workflow('SmsCenterE2eSend1', 'E2E send SMS', [
		webhook('e2e-sms-send'),
		splitItems(uuid),
		smsCenter('Send SMS', { ...SEND_EACH_ITEM, options: { batchSize: 500 } }, 400),
	]),
	workflow('SmsCenterE2eSimpl', 'E2E simple URL API', [
		webhook('e2e-sms-simple'),
		smsCenter(
			'Send Simple',
			{
				resource: 'sms',
				operation: 'sendSimple',
				recipients: '={{ $json.body.to }}',
				message: '={{ $json.body.text }}',
				senderName: 'MyShop',
				options: {},
			},
			200,
		),
	]),
	workflow('SmsCenterE2eIvr01', 'E2E voice call then responses', [
		webhook('e2e-ivr'),
		smsCenter(
			'Call',
			{
				resource: 'voiceCall',
				operation: 'send',
				recordId: '101',
				recipients: '={{ $json.body.to }}',
				message: 'Reminder',
				senderName: 'Clinic',
				options: {},
			},
			200,
		),
		{
			id: uuid(),
			name: 'Wait',
			type: 'n8n-nodes-base.wait',
			typeVersion: 1.1,
			position: [400, 0],
			webhookId: uuid(),
			parameters: { amount: 1, unit: 'seconds' },
		},
		smsCenter(
			'Get Responses',
			{
				resource: 'voiceCall',
				operation: 'getResponses',
				messageId: "={{ $('Call').item.json.messageId }}",
			},
			600,
		),
	]),
	workflow('SmsCenterE2eBal01', 'E2E balances', [
		webhook('e2e-balances'),
		smsCenter('Company balance', { resource: 'account', operation: 'getCompanyBalance' }, 200),
		smsCenter(
			'User balances',
			{ resource: 'account', operation: 'getUserBalances', mode: 'AllUsers' },
			400,
		),
	]),
];

export function deliveryWorkflow(secret: string) {
	return workflow(DLR_WORKFLOW_ID, 'E2E delivery reports', [
		smsCenterTrigger(uuid, DLR_WEBHOOK_ID, secret),
		{
			id: uuid(),
			name: 'Done',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [200, 0],
			parameters: {},
		},
	]);
}
