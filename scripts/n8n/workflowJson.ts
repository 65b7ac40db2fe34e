/** Small builders for workflow JSON that the end-to-end tests and the benchmark import into n8n. */
export type NodeJson = Record<string, unknown> & { name: string };

export function idMaker(prefix: string): () => string {
	let counter = 0;
	return () => `${prefix}-0000-4000-8000-${String(++counter).padStart(12, '0')}`;
}

/** A workflow of `nodes` joined by `connections`, in the time zone of the gateway. */
export function workflowJson(
	id: string,
	name: string,
	nodes: NodeJson[],
	connections: Record<string, unknown>,
	settings: Record<string, unknown> = {},
) {
	return {
		id,
		name,
		active: false,
		nodes,
		connections,
		settings: { executionOrder: 'v1', timezone: 'Asia/Jerusalem', ...settings },
		pinData: {},
	};
}

/** A workflow whose nodes run one after the other. */
export function linearWorkflow(id: string, name: string, nodes: NodeJson[]) {
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < nodes.length - 1; i++)
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	return workflowJson(id, name, nodes, connections);
}

/** A Split Out node: an item for each entry of the request body's `items`. */
export function splitItems(uuid: () => string, x = 200): NodeJson {
	return {
		id: uuid(),
		name: 'Split Out',
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		position: [x, 0],
		parameters: { fieldToSplitOut: 'body.items', options: {} },
	};
}

/** The parameters of an SMS Send of each item's `to` and `text`, from MyShop. */
export const SEND_EACH_ITEM = {
	resource: 'sms',
	operation: 'send',
	recipients: '={{ $json.to }}',
	message: '={{ $json.text }}',
	senderName: 'MyShop',
};

/** An SMSCenter node with an SMSCenter API credential; `settings` are the node's own (onError, retryOnFail...). */
export function smsCenterNode(
	uuid: () => string,
	name: string,
	x: number,
	parameters: Record<string, unknown>,
	credential: { id: string; name: string },
	settings: Record<string, unknown> = {},
): NodeJson {
	return {
		id: uuid(),
		name,
		type: 'n8n-nodes-smscenter.smsCenter',
		typeVersion: 1,
		position: [x, 0],
		...settings,
		parameters,
		credentials: { smsCenterApi: credential },
	};
}

/** A Webhook node that starts a run on POST and answers with the last node's output. */
export function postWebhook(
	uuid: () => string,
	path: string,
	responseData: 'allEntries' | 'firstEntryJson',
): NodeJson {
	return {
		id: uuid(),
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: uuid(),
		parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData, options: {} },
	};
}

/** An HTTP Request node that reports `key` to a counter URL, one call per execution. */
export function reportTo(uuid: () => string, url: string, key: string): NodeJson {
	return {
		id: uuid(),
		name: 'Report',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [200, 0],
		parameters: {
			method: 'GET',
			url,
			sendQuery: true,
			queryParameters: { parameters: [{ name: 'key', value: key }] },
			options: {},
		},
	};
}

/** The SMSCenter Trigger, acknowledging on receipt, with every final status. */
export function smsCenterTrigger(uuid: () => string, webhookId: string, secret: string): NodeJson {
	return {
		id: uuid(),
		name: 'SMSCenter Trigger',
		type: 'n8n-nodes-smscenter.smsCenterTrigger',
		typeVersion: 1,
		position: [0, 0],
		webhookId,
		parameters: {
			secret,
			statuses: ['200', '400', '600', '700'],
			acknowledge: 'onReceived',
			options: {},
		},
	};
}

/** The SMSCenter Trigger of the current version: the secret in an SMSCenter Trigger credential. */
export function smsCenterTriggerWithCredential(
	uuid: () => string,
	webhookId: string,
	credentialId: string,
	options: Record<string, unknown> = {},
): NodeJson {
	return {
		id: uuid(),
		name: 'SMSCenter Trigger',
		type: 'n8n-nodes-smscenter.smsCenterTrigger',
		typeVersion: 1.1,
		position: [0, 0],
		webhookId,
		parameters: { statuses: ['200', '400', '600', '700'], acknowledge: 'onReceived', options },
		credentials: { smsCenterTriggerApi: { id: credentialId, name: 'SMSCenter Trigger secret' } },
	};
}
