/** The workflows the benchmark imports into n8n: each workload's SMSCenter variant and its baseline. */
export const CREDENTIAL_ID = 'SmsCenterBenchCr1';
export const TRIGGER_WEBHOOK_ID = '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
export const WEBHOOK_BASELINE_PATH = 'bench-c-webhook';
const settings = { executionOrder: 'v1', timezone: 'Asia/Jerusalem' };
const credentials = { smsCenterApi: { id: CREDENTIAL_ID, name: 'SMSCenter sandbox' } };

let counter = 0;
const uuid = () => `10000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;

type Node = Record<string, unknown> & { name: string };

function workflow(id: string, name: string, nodes: Node[]) {
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < nodes.length - 1; i++) connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	return { id, name, active: false, nodes, connections, settings, pinData: {} };
}

const startWebhook = (path: string): Node => ({
	id: uuid(),
	name: 'Start',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	position: [0, 0],
	webhookId: uuid(),
	parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} },
});

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
	parameters: { resource: 'sms', operation: 'send', recipients: '={{ $json.to }}', message: '={{ $json.text }}', senderName: 'MyShop', options: { batchSize: 500, concurrency } },
});

/** What a user without the package builds: one HTTP POST per item to SendMessagesV2, n8n's defaults. */
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
		options: {},
	},
});

/** Reports each started execution to the benchmark's counter. */
const reportToSink = (sinkUrl: string, key: string): Node => ({
	id: uuid(),
	name: 'Report',
	type: 'n8n-nodes-base.httpRequest',
	typeVersion: 4.2,
	position: [200, 0],
	parameters: { method: 'GET', url: sinkUrl, sendQuery: true, queryParameters: { parameters: [{ name: 'key', value: key }] }, options: {} },
});

export function benchWorkflows(sandboxUrl: string, password: string, sinkUrl: string, concurrency: number, secret: string) {
	return [
		workflow('BenchSmsCenterSnd', 'Bench: SMSCenter node', [startWebhook('bench-smscenter'), makeItems, smsCenterSend(concurrency)]),
		workflow('BenchHttpRequest1', 'Bench: HTTP Request node', [startWebhook('bench-http'), makeItems, httpRequestSend(sandboxUrl, password)]),
		workflow('BenchDlrTrigger01', 'Bench: SMSCenter Trigger', [
			{
				id: uuid(),
				name: 'SMSCenter Trigger',
				type: 'n8n-nodes-smscenter.smsCenterTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: TRIGGER_WEBHOOK_ID,
				parameters: { secret, statuses: ['200', '400', '600', '700'], acknowledge: 'onReceived', options: {} },
			},
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
				parameters: { httpMethod: 'GET', path: WEBHOOK_BASELINE_PATH, responseMode: 'onReceived', options: { responseData: '_OK_' } },
			},
			reportToSink(sinkUrl, '={{ $json.query.MsgID }}|{{ $json.query.MSISDN }}|{{ $json.query.StatusCode }}'),
		]),
	];
}
