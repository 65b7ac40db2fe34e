import {
	idMaker,
	linearWorkflow,
	postWebhook,
	reportTo,
	smsCenterTrigger,
	smsCenterTriggerWithCredential,
	workflowJson,
	type NodeJson,
} from '../scripts/n8n/workflowJson';

/**
 * The workflows the benchmark imports into n8n: each workload's SMSCenter variant, its baseline
 * (what a user without the package builds) and a control without the sending step.
 *
 * Equal work: the node, the HTTP Request node and the raw undici loop all call
 * `SendMessageReturnMessageID` (the node's default, Return Message ID on) with the same parameters.
 *
 * Equal concurrency: the HTTP Request node fires every item of its input at once (its Batching
 * option only spaces out the starts of its batches; it never waits for answers), so the baselines
 * cap requests in flight the way n8n offers: a Loop Over Items node hands the HTTP Request node
 * `concurrency` items at a time and the next batch starts when all of them are answered. The
 * SMSCenter node keeps at most `concurrency` requests in flight (its Concurrency option).
 */
export const CREDENTIAL_ID = 'SmsCenterBenchCr1';
export const WEBHOOK_BASELINE_PATH = 'bench-c-webhook';
export const WEBHOOK_AUTH_BASELINE_PATH = 'bench-c-webhook-auth';
export const TRIGGER_NODE_NAME = 'SMSCenter Trigger';
export const SEND_METHOD = 'SendMessageReturnMessageID';
export const SENDER = 'MyShop';
export const BROADCAST_TEXT = 'The store opens at 10:00 tomorrow.';
const credentials = { smsCenterApi: { id: CREDENTIAL_ID, name: 'SMSCenter sandbox' } };
const uuid = idMaker('10000000');
type Node = NodeJson;

/** The recipient number of item `i`, in the common `05XXXXXXXX` form. */
export const numberOf = (i: number) => `05${String(20000000 + i).padStart(8, '0')}`;
/** The personalised text of item `i` (workload B). */
export const personalisedText = (i: number) => `Hello customer ${i}, your code is ${100000 + i}`;

/** Workflow ids and webhook paths, by workload variant and concurrency. */
export const path = (variant: string, concurrency?: number) =>
	concurrency === undefined ? `bench-${variant}` : `bench-${variant}-c${concurrency}`;

/**
 * Items from the request: `count` items {to, text} (one shared text, or a personalised one each),
 * or with `list` one item {numbers: [...]} holding `count` numbers.
 */
const makeItems = (): Node => ({
	id: uuid(),
	name: 'Items',
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	position: [200, 0],
	parameters: {
		jsCode: [
			'const { count, personalised, list } = $input.first().json.body;',
			"const number = (i) => '05' + String(20000000 + i).padStart(8, '0');",
			'if (list) return [{ json: { numbers: Array.from({ length: count }, (_, i) => number(i)) } }];',
			'const items = [];',
			'for (let i = 0; i < count; i++) {',
			`  items.push({ json: { to: number(i), text: personalised ? 'Hello customer ' + i + ', your code is ' + (100000 + i) : ${JSON.stringify(BROADCAST_TEXT)} } });`,
			'}',
			'return items;',
		].join('\n'),
	},
});

/** How each variant gets its recipients and text. */
export type Form = 'expressions' | 'typedText' | 'list';

const smsCenterSend = (form: Form, concurrency: number): Node => ({
	id: uuid(),
	name: 'SMSCenter',
	type: 'n8n-nodes-smscenter.smsCenter',
	typeVersion: 1,
	position: [400, 0],
	credentials,
	parameters: {
		resource: 'sms',
		operation: 'send',
		recipients: form === 'list' ? '={{ $json.numbers }}' : '={{ $json.to }}',
		message: form === 'expressions' ? '={{ $json.text }}' : BROADCAST_TEXT,
		senderName: SENDER,
		options: { batchSize: 500, concurrency },
	},
});

/** The request body the node sends (its default Expiration is the delay plus 1440 minutes). */
export const sendFields = (to: string, text: string): Array<[string, string]> => [
	['SenderName', SENDER],
	['SendToPhoneNumbers', to],
	['CCToEmail', ''],
	['Message', text],
	['SMSOperation', 'Push'],
	['DeliveryDelayInMinutes', '0'],
	['ExpirationDelayInMinutes', '1440'],
	['MessageOption', 'Regular'],
	['Price', '0'],
];

/** One HTTP POST per item to the same method with the same fields as the node. */
const httpRequestSend = (
	sandboxUrl: string,
	password: string,
	form: Form,
	position: [number, number],
): Node => ({
	id: uuid(),
	name: 'HTTP Request',
	type: 'n8n-nodes-base.httpRequest',
	typeVersion: 4.2,
	position,
	parameters: {
		method: 'POST',
		url: `${sandboxUrl}/Web/WebServices/SendMessage.asmx/${SEND_METHOD}`,
		sendBody: true,
		contentType: 'form-urlencoded',
		bodyParameters: {
			parameters: [
				['UserName', 'demo'],
				['Password', password],
				...sendFields(
					form === 'list' ? '={{ $json.numbers }}' : '={{ $json.to }}',
					form === 'expressions' ? '={{ $json.text }}' : BROADCAST_TEXT,
				),
			].map(([name, value]) => ({ name, value })),
		},
		options: {},
	},
});

const connect = (from: string, to: string, output = 0) => ({ from, to, output });

function graphWorkflow(
	id: string,
	name: string,
	nodes: Node[],
	edges: Array<{ from: string; to: string; output: number }>,
	settings: Record<string, unknown> = {},
) {
	const connections: Record<string, { main: Array<Array<Record<string, unknown>>> }> = {};
	for (const edge of edges) {
		const main = (connections[edge.from] ??= { main: [] }).main;
		while (main.length <= edge.output) main.push([]);
		main[edge.output].push({ node: edge.to, type: 'main', index: 0 });
	}
	return workflowJson(id, name, nodes, connections, settings);
}

/** Workflow ids are 16 characters: a prefix and the variant's number. */
const workflowId = (n: number) => `BenchWorkflow${String(n).padStart(3, '0')}`;

export interface SendWorkflow {
	id: string;
	path: string;
	/**
	 * Nodes whose own time is the variant's: the sending node (and Split Out for the n8n way of A3).
	 * The Loop Over Items node that caps the baseline's requests in flight is timed apart.
	 */
	ownNodes: string[];
	workflow: object;
}

/**
 * The send workflows: for each concurrency, the SMSCenter node and the HTTP Request baseline in each
 * form, and the control (the same start, no sending step).
 */
export function sendWorkflows(
	sandboxUrl: string,
	password: string,
	concurrencies: number[],
): SendWorkflow[] {
	const out: SendWorkflow[] = [];
	let n = 0;
	const add = (
		pathName: string,
		name: string,
		nodes: Node[],
		edges: ReturnType<typeof connect>[],
		ownNodes: string[],
	) => {
		const id = workflowId(++n);
		out.push({ id, path: pathName, ownNodes, workflow: graphWorkflow(id, name, nodes, edges) });
	};
	const webhook = (p: string) => postWebhook(uuid, p, 'firstEntryJson');
	add(
		'bench-control',
		'Bench: control (no sending step)',
		[webhook('bench-control'), makeItems()],
		[connect('Webhook', 'Items')],
		[],
	);
	for (const concurrency of concurrencies) {
		for (const form of ['expressions', 'typedText', 'list'] as const) {
			const nodePath = path(`node-${form}`, concurrency);
			add(
				nodePath,
				`Bench: SMSCenter node, ${form}, concurrency ${concurrency}`,
				[webhook(nodePath), makeItems(), smsCenterSend(form, concurrency)],
				[connect('Webhook', 'Items'), connect('Items', 'SMSCenter')],
				['SMSCenter'],
			);
			const httpPath = path(`http-${form}`, concurrency);
			const loop: Node = {
				id: uuid(),
				name: 'Loop Over Items',
				type: 'n8n-nodes-base.splitInBatches',
				typeVersion: 3,
				position: [600, 0],
				parameters: { batchSize: concurrency, options: {} },
			};
			const nodes = [
				webhook(httpPath),
				makeItems(),
				loop,
				httpRequestSend(sandboxUrl, password, form, [800, 100]),
			];
			const edges = [
				connect('Webhook', 'Items'),
				connect('Loop Over Items', 'HTTP Request', 1),
				connect('HTTP Request', 'Loop Over Items'),
			];
			if (form === 'list') {
				nodes.push({
					id: uuid(),
					name: 'Split Out',
					type: 'n8n-nodes-base.splitOut',
					typeVersion: 1,
					position: [400, 0],
					parameters: { fieldToSplitOut: 'numbers', include: 'noOtherFields', options: {} },
				});
				edges.push(connect('Items', 'Split Out'), connect('Split Out', 'Loop Over Items'));
			} else edges.push(connect('Items', 'Loop Over Items'));
			add(
				httpPath,
				`Bench: HTTP Request node, ${form}, ${concurrency} in flight`,
				nodes,
				edges,
				form === 'list' ? ['Split Out', 'HTTP Request'] : ['HTTP Request'],
			);
		}
	}
	return out;
}

/** Reports each started execution to the benchmark's counter. */
const reportToSink = (sinkUrl: string, key: string): Node => reportTo(uuid, sinkUrl, key);
/** Delivery-report workflows keep no execution data, as a busy production instance would. */
const quiet = { saveDataSuccessExecution: 'none', saveManualExecutions: false };

/**
 * How C's trigger is set up: `credential` (the current version, 1.1: the secret in an SMSCenter Trigger
 * API credential; the main figures), `secret` (version 1, the secret a node parameter), `noMemory` (the
 * current version without the duplicate memory): the last two tell where the cost per report goes.
 */
export type TriggerSetUp = 'credential' | 'secret' | 'noMemory';
/** The set-up of C's main figures: what a trigger added in n8n's editor today is. */
export const MAIN_SET_UP: TriggerSetUp = 'credential';
export const TRIGGER_CREDENTIAL_ID = 'BenchTriggerCred';
/** The Webhook node's Header Auth credential: the same secret, checked by n8n on each call. */
export const HEADER_AUTH_CREDENTIAL_ID = 'BenchHeaderAuth1';
export const HEADER_AUTH_NAME = 'X-SMSCenter-Key';

/** An SMSCenter Trigger workflow whose duplicate memory starts with `staticData` (prefilled). */
export function triggerWorkflow(
	id: string,
	webhookId: string,
	sinkUrl: string,
	secret: string,
	staticData: object | undefined,
	setUp: TriggerSetUp = 'secret',
) {
	const node =
		setUp === 'secret'
			? smsCenterTrigger(uuid, webhookId, secret)
			: smsCenterTriggerWithCredential(uuid, webhookId, TRIGGER_CREDENTIAL_ID);
	if (setUp === 'noMemory')
		node.parameters = {
			...(node.parameters as Record<string, unknown>),
			options: { duplicateWindowHours: 0 },
		};
	const trigger = { ...node, name: TRIGGER_NODE_NAME };
	return {
		...graphWorkflow(
			id,
			`Bench: SMSCenter Trigger ${id}`,
			[
				trigger,
				reportToSink(sinkUrl, '={{ $json.messageId }}|{{ $json.msisdn }}|{{ $json.status.code }}'),
			],
			[connect(TRIGGER_NODE_NAME, 'Report')],
			quiet,
		),
		...(staticData ? { staticData } : {}),
	};
}

/**
 * n8n's Webhook node answering `_OK_` on receipt, as C's baseline: without authentication, or (`headerAuth`)
 * checking a secret from a Header Auth credential on each call, the same work as the trigger's secret.
 */
export function webhookBaselineWorkflow(sinkUrl: string, headerAuth = false) {
	return graphWorkflow(
		headerAuth ? 'BenchDlrWebhookAu' : 'BenchDlrWebhook01',
		headerAuth ? 'Bench: Webhook node with Header Auth' : 'Bench: Webhook node',
		[
			{
				id: uuid(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: uuid(),
				parameters: {
					httpMethod: 'GET',
					path: headerAuth ? WEBHOOK_AUTH_BASELINE_PATH : WEBHOOK_BASELINE_PATH,
					responseMode: 'onReceived',
					...(headerAuth ? { authentication: 'headerAuth' } : {}),
					options: { responseData: '_OK_' },
				},
				...(headerAuth
					? {
							credentials: {
								httpHeaderAuth: { id: HEADER_AUTH_CREDENTIAL_ID, name: 'SMSCenter key header' },
							},
						}
					: {}),
			},
			reportToSink(
				sinkUrl,
				'={{ $json.query.MsgID }}|{{ $json.query.MSISDN }}|{{ $json.query.StatusCode }}',
			),
		],
		[connect('Webhook', 'Report')],
		quiet,
	);
}

export { linearWorkflow };
