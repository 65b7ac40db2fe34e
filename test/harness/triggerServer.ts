import express, { type Request, type Response } from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { ExecutionLifecycleHooks, HookContext, WebhookContext } from 'n8n-core';
import {
	Workflow,
	type IConnections,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type INodeParameters,
	type INodeExecutionData,
	type INodeType,
	type IWebhookData,
	type IWorkflowBase,
	type NodeParameterValueType,
} from 'n8n-workflow';
// n8n-core's own copies: the node contexts' `this.logger` is the Logger in n8n-core's container.
import { Container } from 'n8n-core/node_modules/@n8n/di';
import { Logger } from 'n8n-core/node_modules/@n8n/backend-common';
import { builtInStandIns } from './builtInStandIns';
import { TestCredentialsHelper } from './credentialsHelper';
import { testAdditionalData } from './executeWorkflow';
import { loadBuilt, PackageNodeTypes, SMSCENTER_TRIGGER_TYPE } from './packageTypes';

export const TRIGGER_NODE = 'SMSCenter Trigger';
export const TRIGGER_CREDENTIAL = 'smsCenterTriggerApi';
const WEBHOOK_ID = '5b0a3c1e-1111-4222-8333-944455556666';
let servers = 0;

/** The logger the node writes to (`this.logger`), for tests that check what the node logs. */
export function nodeLogger(): Logger {
	return Container.get(Logger);
}

export interface TriggerServer {
	url: string;
	/** The production URL n8n would show for this node. */
	productionUrl: string;
	/** Items of each workflow run the trigger started (and n8n took), in order. */
	executions: INodeExecutionData[][];
	/** The workflow's static data as n8n's database would hold it now. */
	readonly staticData: IDataObject;
	/** The same, as stored text (to start another server "after a restart"). */
	readonly storedStaticData: string;
	readonly workflowId: string;
	/** Runs the node's webhook lifecycle method (checkExists, create, delete). */
	lifecycle(method: 'checkExists' | 'create' | 'delete'): Promise<boolean>;
	close(): Promise<void>;
}

export interface TriggerServerOptions {
	/** The secret of the SMSCenter Trigger credential; none: the node has no credential. */
	credentialSecret?: string;
	/** 1.1 (the default) keeps the secret in the credential; 1 still has the deprecated Secret parameter. */
	typeVersion?: number;
	/** How a run started with Respond to Webhook ends (success answers _OK_ as the user's Respond to Webhook node would; failure answers 500 as n8n does). */
	workflowOutcome?: () => 'success' | 'failure';
	/** Whether n8n manages to start a run the node hands over (refused: as when storing the execution fails), and when it knows. */
	runStart?: () => 'taken' | 'refused' | Promise<'taken' | 'refused'>;
	/** Express's `trust proxy`, as n8n sets it from N8N_PROXY_HOPS. */
	trustProxy?: boolean | number;
	/** Where to listen: `::` makes IPv4 callers appear as IPv4-mapped IPv6 addresses, as on a dual-stack n8n. */
	listenHost?: string;
	/** Static data stored before this server starts, and the workflow it belongs to. */
	storedStaticData?: string;
	workflowId?: string;
	/** Nodes after the trigger, connected one after the other (not run: pass-throughs stand in). */
	following?: Array<{
		name: string;
		type: string;
		typeVersion: number;
		disabled?: boolean;
		parameters?: INodeParameters;
	}>;
}

/**
 * Serves the SMSCenter Trigger's webhook over real HTTP the way n8n's webhook server does: each request
 * loads the workflow's static data from the "database", runs the node's `webhook` method in n8n-core's
 * WebhookContext, and saves the static data if the node changed it: right away for a call that starts
 * no run, and for a call that starts one only once the run was taken (`runStart`), before answering.
 */
export async function startTriggerServer(
	parameters: Record<string, NodeParameterValueType>,
	options: TriggerServerOptions = {},
): Promise<TriggerServer> {
	const triggerType = loadBuilt<INodeType>(
		'nodes/SmsCenterTrigger/SmsCenterTrigger.node.js',
		'SmsCenterTrigger',
	);
	const nodeTypes = new PackageNodeTypes({ [SMSCENTER_TRIGGER_TYPE]: triggerType });
	const node: INode = {
		id: 'trigger',
		name: TRIGGER_NODE,
		type: SMSCENTER_TRIGGER_TYPE,
		typeVersion: options.typeVersion ?? 1.1,
		position: [0, 0],
		parameters,
		webhookId: WEBHOOK_ID,
		...(options.credentialSecret !== undefined
			? {
					credentials: {
						[TRIGGER_CREDENTIAL]: { id: 'trigger-credential', name: 'SMSCenter Trigger Secret' },
					},
				}
			: {}),
	};
	const credentials: Record<string, ICredentialDataDecryptedObject> =
		options.credentialSecret !== undefined
			? { [TRIGGER_CREDENTIAL]: { secret: options.credentialSecret } }
			: {};
	// What the nodes after the trigger do is not run here: stand-ins pass their items on.
	for (const next of options.following ?? [])
		nodeTypes.add(
			next.type,
			builtInStandIns()[next.type] ?? builtInStandIns()['n8n-nodes-base.wait'],
		);
	const following: INode[] = (options.following ?? []).map((next, index) => ({
		id: `following-${index}`,
		position: [220 * (index + 1), 0],
		parameters: {},
		...next,
	}));
	const chain = [node, ...following];
	const connections: IConnections = {};
	for (let index = 1; index < chain.length; index++)
		connections[chain[index - 1].name] = {
			main: [[{ node: chain[index].name, type: 'main', index: 0 }]],
		};
	let stored = options.storedStaticData ?? '{}';
	const workflowData: IWorkflowBase = {
		id: options.workflowId ?? `trigger-workflow-${++servers}`,
		name: 'Delivery reports',
		active: true,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: chain,
		connections,
	};
	const loadWorkflow = () =>
		new Workflow({
			id: workflowData.id,
			nodes: chain,
			connections,
			active: true,
			nodeTypes,
			staticData: JSON.parse(stored) as IDataObject,
		});
	const saveIfChanged = (workflow: Workflow) => {
		if (workflow.staticData.__dataChanged !== true) return;
		stored = JSON.stringify(workflow.staticData);
		workflow.staticData.__dataChanged = false;
	};
	const executions: INodeExecutionData[][] = [];

	const app = express();
	app.set('trust proxy', options.trustProxy ?? false);
	app.use(express.urlencoded({ extended: false }));
	let baseUrl = '';

	const additionalDataFor = (req?: Request, res?: Response) => {
		const hooks = new ExecutionLifecycleHooks('webhook', 'trigger-execution', workflowData);
		const data = testAdditionalData(new TestCredentialsHelper(credentials), hooks, workflowData.id);
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
		const workflow = loadWorkflow();
		const context = new WebhookContext(
			workflow,
			node,
			additionalDataFor(req, res),
			'webhook',
			webhookData(method),
			[],
			null,
		);
		try {
			const result = await triggerType.webhook!.call(context);
			if (!result.workflowData) {
				saveIfChanged(workflow);
				if (!result.noWebhookResponse) res.status(200).send(result.webhookResponse);
				return;
			}
			if ((await (options.runStart?.() ?? 'taken')) === 'refused') {
				res.status(500).json({ code: 0, message: 'There was a problem executing the workflow' });
				return;
			}
			executions.push(result.workflowData[0]);
			saveIfChanged(workflow);
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
		const listening = app.listen(0, options.listenHost ?? '127.0.0.1', () => resolve(listening));
	});
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	return {
		url: baseUrl,
		productionUrl: `${baseUrl}/webhook/${WEBHOOK_ID}/delivery`,
		executions,
		get staticData() {
			return JSON.parse(stored) as IDataObject;
		},
		get storedStaticData() {
			return stored;
		},
		workflowId: workflowData.id,
		async lifecycle(method) {
			const workflow = loadWorkflow();
			const context = new HookContext(
				workflow,
				node,
				additionalDataFor(),
				'trigger',
				'activate',
				webhookData('GET'),
			);
			const methods = triggerType.webhookMethods?.default;
			const result = await methods![method]!.call(context);
			saveIfChanged(workflow);
			return result;
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
