import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

/**
 * Stand-ins for the few n8n built-in nodes the example workflows use around the SMSCenter nodes
 * (a community package cannot load n8n-nodes-base). Each does only what the examples need:
 * triggers emit one empty item, Code runs its `jsCode` with `$input`, Wait passes items on.
 */
function describe(name: string, inputs: INodeTypeDescription['inputs']): INodeTypeDescription {
	return {
		displayName: name,
		name,
		group: ['transform'],
		version: [1, 1.1, 1.2, 2],
		description: name,
		defaults: { name },
		inputs,
		outputs: ['main'],
		properties: [],
	};
}

class StartStandIn implements INodeType {
	constructor(readonly description: INodeTypeDescription) {}

	async execute(): Promise<INodeExecutionData[][]> {
		return [[{ json: {} }]];
	}
}

class CodeStandIn implements INodeType {
	description: INodeTypeDescription = {
		...describe('code', ['main']),
		properties: [{ displayName: 'JavaScript', name: 'jsCode', type: 'string', default: '' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const input = this.getInputData();
		const jsCode = this.getNodeParameter('jsCode', 0) as string;
		const run = new Function('$input', jsCode) as (input: {
			all: () => INodeExecutionData[];
		}) => INodeExecutionData[];
		const output = run({ all: () => input });
		return [
			output.map((item, index) => ({
				...item,
				pairedItem: { item: Math.min(index, input.length - 1) },
			})),
		];
	}
}

class PassThroughStandIn implements INodeType {
	description = describe('wait', ['main']);

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData().map((item, index) => ({ ...item, pairedItem: { item: index } }))];
	}
}

/** Respond to Webhook: its answer's fields, so that n8n fills in their defaults as it does for the real node. */
class RespondStandIn extends PassThroughStandIn {
	description = {
		...describe('respondToWebhook', ['main']),
		version: [1, 1.1, 1.5],
		properties: [
			{
				displayName: 'Respond With',
				name: 'respondWith',
				type: 'string' as const,
				default: 'firstIncomingItem',
			},
			{ displayName: 'Response Body', name: 'responseBody', type: 'string' as const, default: '' },
		],
	};
}

export function builtInStandIns(): Record<string, INodeType> {
	return {
		'n8n-nodes-base.manualTrigger': new StartStandIn(describe('manualTrigger', [])),
		'n8n-nodes-base.scheduleTrigger': new StartStandIn(describe('scheduleTrigger', [])),
		'n8n-nodes-base.code': new CodeStandIn(),
		'n8n-nodes-base.wait': new PassThroughStandIn(),
		'n8n-nodes-base.respondToWebhook': new RespondStandIn(),
	};
}
