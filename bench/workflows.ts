import {
	idMaker,
	linearWorkflow,
	postWebhook,
	reportTo,
	smsCenterTrigger,
	type NodeJson,
} from '../scripts/n8n/workflowJson';

/** The workflows the benchmark imports into n8n: each workload's SMSCenter variant and its baseline. */
export const CREDENTIAL_ID = 'SmsCenterBenchCr1';
export const TRIGGER_WEBHOOK_ID = '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
export const WEBHOOK_BASELINE_PATH = 'bench-c-webhook';
const credentials = { smsCenterApi: { id: CREDENTIAL_ID, name: 'SMSCenter sandbox' } };
const uuid = idMaker('10000000');
const workflow = linearWorkflow;
type Node = NodeJson;
const startWebhook = (path: string): Node => postWebhook(uuid, path, 'firstEntryJson');

/** Items {to, text} from the request: `count` recipients, one shared text or a personalised one each. */
const makeItems: Node = {
	id: uuid(),
	name: 'Items',
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	position: [200, 0],
	parameters: {
		jsCode: [
			'const { count, personalised } = $input.first().json.body;',
			'const items = [];',
			'for (let i = 0; i < count; i++) {',
			"  const to = '05' + String(20000000 + i).padStart(8, '0');",
			"  items.push({ json: { to, text: personalised ? 'Hello customer ' + i + ', your code is ' + (100000 + i) : 'The store opens at 10:00 tomorrow.' } });",
			'}',
			'return items;',
		].join('\n'),
	},
};

const smsCenterSend = (concurrency: number): Node => ({
	id: uuid(),
	name: 'SMSCenter',
	type: 'n8n-nodes-smscenter.smsCenter',
	typeVersion: 1,
	position: [400, 0],
	credentials,
	parameters: {
		resource: 'sms',
		operation: 'send',
		recipients: '={{ $json.to }}',
		message: '={{ $json.text }}',
		senderName: 'MyShop',
		options: { batchSize: 500, concurrency },
	},
});

/**
 * What a user without the package builds: one HTTP POST per item to SendMessagesV2. With n8n's
 * defaults the node fires every item's request at once, which failed (connections reset) on
 * 10,000 items here; so it uses n8n's own Batching option, 100 requests every 5 ms.
 */
const httpRequestSend = (sandboxUrl: string, password: string): Node => ({
	id: uuid(),
	name: 'HTTP Request',
	type: 'n8n-nodes-base.httpRequest',
	typeVersion: 4.2,
	position: [400, 0],
	parameters: {
		method: 'POST',
		url: `${sandboxUrl}/Web/WebServices/SendMessage.asmx/SendMessagesV2`,
		sendBody: true,
		contentType: 'form-urlencoded',
		bodyParameters: {
			parameters: [
				['UserName', 'demo'],
				['Password', password],
				['SenderName', 'MyShop'],
				['SendToPhoneNumbers', '={{ $json.to }}'],
				['CCToEmail', ''],
				['Message', '={{ $json.text }}'],
				['SMSOperation', 'Push'],
				['DeliveryDelayInMinutes', '0'],
				['ExpirationDelayInMinutes', '0'],
				['MessageOption', 'Regular'],
				['Price', '0'],
			].map(([name, value]) => ({ name, value })),
		},
		options: { batching: { batch: { batchSize: 100, batchInterval: 5 } } },
	},
});

/** Reports each started execution to the benchmark's counter. */
const reportToSink = (sinkUrl: string, key: string): Node => reportTo(uuid, sinkUrl, key);

export function benchWorkflows(
	sandboxUrl: string,
	password: string,
	sinkUrl: string,
	concurrency: number,
	secret: string,
) {
	return [
		workflow('BenchSmsCenterSnd', 'Bench: SMSCenter node', [
			startWebhook('bench-smscenter'),
			makeItems,
			smsCenterSend(concurrency),
		]),
		workflow('BenchHttpRequest1', 'Bench: HTTP Request node', [
			startWebhook('bench-http'),
			makeItems,
			httpRequestSend(sandboxUrl, password),
		]),
		workflow('BenchDlrTrigger01', 'Bench: SMSCenter Trigger', [
			smsCenterTrigger(uuid, TRIGGER_WEBHOOK_ID, secret),
			reportToSink(sinkUrl, '={{ $json.messageId }}|{{ $json.msisdn }}|{{ $json.status.code }}'),
		]),
		workflow('BenchDlrWebhook01', 'Bench: Webhook node', [
			{
				id: uuid(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: uuid(),
				parameters: {
					httpMethod: 'GET',
					path: WEBHOOK_BASELINE_PATH,
					responseMode: 'onReceived',
					options: { responseData: '_OK_' },
				},
			},
			reportToSink(
				sinkUrl,
				'={{ $json.query.MsgID }}|{{ $json.query.MSISDN }}|{{ $json.query.StatusCode }}',
			),
		]),
	];
}
