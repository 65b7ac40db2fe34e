import {
	resolveWebhookDescriptionField,
	Workflow,
	type INode,
	type INodeParameters,
	type IWebhookDescription,
} from 'n8n-workflow';
import {
	RESPONSE_MODE_TEMPLATE,
	responseModeField,
} from '../../nodes/SmsCenterTrigger/helpers/responseMode';
import { loadBuilt, PackageNodeTypes, SMSCENTER_TRIGGER_TYPE } from '../harness/packageTypes';
import type { INodeType } from 'n8n-workflow';

/**
 * n8n reads the response mode of each webhook call from the trigger's description: with the resolver,
 * straight from the parameters when they hold no expression, otherwise through its expression engine.
 * Both ways must give the same mode, and the built node must carry the resolver n8n looks for.
 */
const triggerType = loadBuilt<INodeType>(
	'nodes/SmsCenterTrigger/SmsCenterTrigger.node.js',
	'SmsCenterTrigger',
);
const nodeTypes = new PackageNodeTypes({ [SMSCENTER_TRIGGER_TYPE]: triggerType });

function workflowWith(parameters: INodeParameters): { workflow: Workflow; node: INode } {
	const node: INode = {
		id: 't',
		name: 'SMSCenter Trigger',
		type: SMSCENTER_TRIGGER_TYPE,
		typeVersion: 1.1,
		position: [0, 0],
		parameters,
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: true, nodeTypes });
	// As n8n passes it: the workflow's own node, with the defaults its constructor applied.
	return { workflow, node: workflow.nodes[node.name] };
}

const byEngine = (workflow: Workflow, node: INode, description: IWebhookDescription) =>
	workflow.expression.getSimpleParameterValue(
		node,
		description.responseMode,
		'webhook',
		{},
		undefined,
		'onReceived',
	);

describe("the trigger's response mode", () => {
	const deliveryWebhooks = (triggerType.description.webhooks ?? []).filter(
		(webhook) => webhook.name === 'default',
	);

	it('the GET and POST webhooks of the built node carry the template and its resolver', () => {
		expect(deliveryWebhooks.map((webhook) => webhook.httpMethod)).toEqual(['GET', 'POST']);
		for (const webhook of deliveryWebhooks) {
			expect(webhook.responseMode).toBe(RESPONSE_MODE_TEMPLATE);
			const { node } = workflowWith({ acknowledge: 'responseNode' });
			expect(resolveWebhookDescriptionField(node, webhook, 'responseMode')).toEqual({
				resolved: true,
				value: 'responseNode',
			});
		}
	});

	it.each([
		['on receipt', { acknowledge: 'onReceived' }, 'onReceived'],
		['after the workflow', { acknowledge: 'responseNode' }, 'responseNode'],
		['left at its default', {}, 'onReceived'],
		["empty (an imported workflow): the template's fallback", { acknowledge: '' }, 'onReceived'],
	])('%s: read from the parameters, the same as the engine gives', (_, parameters, mode) => {
		const { workflow, node } = workflowWith(parameters);
		const webhook = deliveryWebhooks[0];
		expect(resolveWebhookDescriptionField(node, webhook, 'responseMode')).toEqual({
			resolved: true,
			value: mode,
		});
		expect(byEngine(workflow, node, webhook)).toBe(mode);
	});

	it('parameters holding an expression are left to the engine, which still gives the mode', () => {
		const { workflow, node } = workflowWith({ acknowledge: '={{ "response" + "Node" }}' });
		const webhook = deliveryWebhooks[0];
		expect(resolveWebhookDescriptionField(node, webhook, 'responseMode')).toEqual({
			resolved: false,
		});
		expect(byEngine(workflow, node, webhook)).toBe('responseNode');
	});

	it('an n8n without the resolver helpers (1.x) gets the template alone, which its engine evaluates', () => {
		const field = responseModeField({});
		expect(field).toEqual({ responseMode: RESPONSE_MODE_TEMPLATE });
		const plain: IWebhookDescription = {
			name: 'default',
			httpMethod: 'GET',
			path: 'delivery',
			...field,
		};
		expect(Object.getOwnPropertySymbols(plain)).toEqual([]);
		for (const [parameters, mode] of [
			[{ acknowledge: 'responseNode' }, 'responseNode'],
			[{ acknowledge: '' }, 'onReceived'],
		] as const) {
			const { workflow, node } = workflowWith(parameters);
			expect(resolveWebhookDescriptionField(node, plain, 'responseMode')).toEqual({
				resolved: false,
			});
			expect(byEngine(workflow, node, plain)).toBe(mode);
		}
	});
});
