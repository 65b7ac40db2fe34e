import express, { type Request, type Response } from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { ExecutionLifecycleHooks, HookContext, WebhookContext } from 'n8n-core';
import { Workflow, type IDataObject, type INode, type INodeExecutionData, type INodeType, type IWebhookData, type IWorkflowBase, type NodeParameterValueType } from 'n8n-workflow';
import { TestCredentialsHelper } from './credentialsHelper';
import { testAdditionalData } from './executeWorkflow';
import { loadBuilt, PackageNodeTypes, SMSCENTER_TRIGGER_TYPE } from './packageTypes';

export const TRIGGER_NODE = 'SMSCenter Trigger';
const WEBHOOK_ID = '5b0a3c1e-1111-4222-8333-944455556666';
let servers = 0;

export interface TriggerServer {
	url: string;
	/** The production URL n8n would show for this node. */
	productionUrl: string;
	/** Items of each workflow run the trigger started, in order. */
	executions: INodeExecutionData[][];
	staticData: IDataObject;
	/** Runs the node's webhook lifecycle method (checkExists, create, delete). */
	lifecycle(method: 'checkExists' | 'create' | 'delete'): Promise<boolean>;
	close(): Promise<void>;
}

/**
 * Serves the SMSCenter Trigger's webhook over real HTTP the way n8n's webhook server does: each
 * request runs the node's `webhook` method in n8n-core's WebhookContext; what it returns as
 * workflow data counts as a started execution. With the Respond to Webhook acknowledge mode,
 * `workflowOutcome` says how the started run ends (success answers _OK_ as the user's Respond to
 * Webhook node would; failure answers 500 as n8n does).
 */
export async function startTriggerServer(
	parameters: Record<string, NodeParameterValueType>,
	options: { workflowOutcome?: () => 'success' | 'failure'; trustProxy?: boolean } = {},
): Promise<TriggerServer> {
	const triggerType = loadBuilt<INodeType>('nodes/SmsCenterTrigger/SmsCenterTrigger.node.js', 'SmsCenterTrigger');
	const nodeTypes = new PackageNodeTypes({ [SMSCENTER_TRIGGER_TYPE]: triggerType });
	const node: INode = { id: 'trigger', name: TRIGGER_NODE, type: SMSCENTER_TRIGGER_TYPE, typeVersion: 1, position: [0, 0], parameters, webhookId: WEBHOOK_ID };
	const staticData: IDataObject = {};
	const workflowData: IWorkflowBase = {
		id: `trigger-workflow-${++servers}`,
		name: 'Delivery reports',
		active: true,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: [node],
		connections: {},
	};
	const workflow = new Workflow({ id: workflowData.id, nodes: [node], connections: {}, active: true, nodeTypes, staticData });
	const executions: INodeExecutionData[][] = [];

	const app = express();
	app.set('trust proxy', options.trustProxy === true);
	app.use(express.urlencoded({ extended: false }));
	let baseUrl = '';

	const additionalDataFor = (req?: Request, res?: Response) => {
		const hooks = new ExecutionLifecycleHooks('webhook', 'trigger-execution', workflowData);
		const data = testAdditionalData(new TestCredentialsHelper({}), hooks, workflowData.id);
		data.webhookBaseUrl = `${baseUrl}/webhook`;
		data.webhookTestBaseUrl = `${baseUrl}/webhook-test`;
		data.httpRequest = req;
		data.httpResponse = res;
		return data;
	};
	const webhookData = (method: 'GET' | 'POST'): IWebhookData => ({
		httpMethod: method,
		node: TRIGGER_NODE,
		path: 'delivery',
		webhookDescription: triggerType.description.webhooks!.find((w) => w.httpMethod === method)!,
		workflowId: workflowData.id,
		workflowExecuteAdditionalData: additionalDataFor(),
		webhookId: WEBHOOK_ID,
	});

	app.all(`/webhook/${WEBHOOK_ID}/delivery`, async (req, res) => {
		const method = req.method === 'POST' ? 'POST' : 'GET';
		const context = new WebhookContext(workflow, node, additionalDataFor(req, res), 'webhook', webhookData(method), [], null);
		try {
			const result = await triggerType.webhook!.call(context);
			if (result.workflowData) executions.push(result.workflowData[0]);
			if (result.noWebhookResponse) return;
			if (result.webhookResponse !== undefined) {
				res.status(200).send(result.webhookResponse);
				return;
			}
			const outcome = options.workflowOutcome?.() ?? 'success';
			if (outcome === 'success') res.status(200).type('text/plain').send('_OK_');
			else res.status(500).json({ code: 0, message: 'Error in workflow' });
		} catch (error) {
			res.status(500).json({ code: 0, message: (error as Error).message });
		}
	});

	const server: Server = await new Promise((resolve) => {
		const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
	});
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	return {
		url: baseUrl,
		productionUrl: `${baseUrl}/webhook/${WEBHOOK_ID}/delivery`,
		executions,
		staticData: workflow.staticData,
		async lifecycle(method) {
			const context = new HookContext(workflow, node, additionalDataFor(), 'trigger', 'activate', webhookData('GET'));
			const methods = triggerType.webhookMethods?.default;
			return await methods![method]!.call(context);
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
