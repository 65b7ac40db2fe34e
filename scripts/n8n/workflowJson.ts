/** Small builders for workflow JSON that the end-to-end tests and the benchmark import into n8n. */
export type NodeJson = Record<string, unknown> & { name: string };

export function idMaker(prefix: string): () => string {
	let counter = 0;
	return () => `${prefix}-0000-4000-8000-${String(++counter).padStart(12, '0')}`;
}

/** A workflow whose nodes run one after the other. */
export function linearWorkflow(id: string, name: string, nodes: NodeJson[]) {
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < nodes.length - 1; i++)
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	return {
		id,
		name,
		active: false,
		nodes,
		connections,
		settings: { executionOrder: 'v1', timezone: 'Asia/Jerusalem' },
		pinData: {},
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
