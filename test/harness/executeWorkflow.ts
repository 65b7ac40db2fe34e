import { randomUUID } from 'node:crypto';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type IRun,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	type NodeExecutionHint,
	type NodeParameterValueType,
} from 'n8n-workflow';
import { TestCredentialsHelper } from './credentialsHelper';
import { INPUT_ITEMS_TYPE, PackageNodeTypes, SMSCENTER_TYPE } from './packageTypes';

export interface WorkflowRun {
	run: IRun;
	credentialsHelper: TestCredentialsHelper;
	/** Output items of a node's first run, first output. */
	output(nodeName?: string): INodeExecutionData[];
	/** The error a node ended with, if it failed. */
	error(nodeName?: string): (Error & { description?: string; context?: IDataObject }) | undefined;
	/** The execution hints a node's first run gave (shown by n8n above the output). */
	hints(nodeName?: string): NodeExecutionHint[];
}

export interface SmsCenterCredentials extends ICredentialDataDecryptedObject {
	username: string;
	password: string;
	baseUrl: string;
}

/** Credentials for the sandbox's demo user, as a user enters them (n8n adds the defaults of the other fields). */
export function sandboxCredentials(
	baseUrl: string,
	overrides: Partial<ICredentialDataDecryptedObject> = {},
): SmsCenterCredentials {
	return {
		username: 'demo',
		password: 'demo-api-key',
		baseUrl,
		allowInsecureHttp: false,
		protocol: 'httpPost',
		...overrides,
	} as SmsCenterCredentials;
}

export const NODE_NAME = 'SMSCenter';

/** A two-node workflow JSON: fixed input items, then the SMSCenter node with the given parameters. */
export function smsCenterWorkflow(
	parameters: Record<string, NodeParameterValueType>,
	items: IDataObject[] = [{}],
	nodeSettings: Partial<INode> = {},
): IWorkflowBase {
	return {
		id: 'test-workflow',
		name: 'SMSCenter test',
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		settings: { timezone: 'Asia/Jerusalem' },
		nodes: [
			{
				id: 'input',
				name: 'Input',
				type: INPUT_ITEMS_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: { items: JSON.stringify(items) },
			},
			{
				id: 'smscenter',
				name: NODE_NAME,
				type: SMSCENTER_TYPE,
				typeVersion: 1,
				position: [200, 0],
				parameters,
				credentials: { smsCenterApi: { id: '1', name: 'SMSCenter account' } },
				...nodeSettings,
			},
		],
		connections: { Input: { main: [[{ node: NODE_NAME, type: 'main', index: 0 }]] } },
	};
}

/** The services n8n hands to a running workflow, as far as these nodes use them. */
export function testAdditionalData(
	credentialsHelper: TestCredentialsHelper,
	hooks: ExecutionLifecycleHooks,
	workflowId: string,
	executionId = 'test-execution',
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper,
		hooks,
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		formBaseUrl: 'http://127.0.0.1:5678/form',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		mcpBaseUrl: 'http://127.0.0.1:5678/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1:5678/mcp-test',
		variables: {},
		userId: 'test-user',
		workflowId,
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not used in these tests');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** Runs workflow JSON through n8n-core's WorkflowExecute, the engine n8n itself runs workflows with. */
export async function executeWorkflow(
	workflowData: IWorkflowBase,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	options: {
		extraNodeTypes?: Record<string, INodeType>;
		forcePreAuthentication?: boolean;
		executionId?: string;
	} = {},
): Promise<WorkflowRun> {
	const nodeTypes = new PackageNodeTypes(options.extraNodeTypes);
	const credentialsHelper = new TestCredentialsHelper(credentials, options.forcePreAuthentication);
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes: workflowData.nodes,
		connections: workflowData.connections,
		active: false,
		nodeTypes,
		settings: workflowData.settings,
		staticData: workflowData.staticData,
	});

	// Each run is its own execution, as in n8n: what one execution remembers (the send ledger) is not another's.
	const executionId = options.executionId ?? `test-execution-${randomUUID()}`;
	const hooks = new ExecutionLifecycleHooks('manual', executionId, workflowData);
	let resolveRun: (run: IRun) => void = () => {};
	const finished = new Promise<IRun>((resolve) => (resolveRun = resolve));
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => resolveRun(fullRunData));

	const additionalData = testAdditionalData(credentialsHelper, hooks, workflowData.id, executionId);

	const startNode = workflowData.nodes[0];
	const execution = new WorkflowExecute(additionalData, 'manual', {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			nodeExecutionStack: [{ node: startNode, data: { main: [[{ json: {} }]] }, source: null }],
			waitingExecution: {},
			waitingExecutionSource: {},
		},
	} as unknown as ConstructorParameters<typeof WorkflowExecute>[2]);
	await execution.processRunExecutionData(workflow);
	const run = await finished;

	return {
		run,
		credentialsHelper,
		output(nodeName = NODE_NAME) {
			return run.data.resultData.runData[nodeName]?.[0]?.data?.main?.[0] ?? [];
		},
		error(nodeName = NODE_NAME) {
			return run.data.resultData.runData[nodeName]?.[0]?.error as
				(Error & { description?: string }) | undefined;
		},
		hints(nodeName = NODE_NAME) {
			return run.data.resultData.runData[nodeName]?.[0]?.hints ?? [];
		},
	};
}

/** Runs the SMSCenter node with parameters over items against a base URL (usually the sandbox). */
export async function runSmsCenter(
	baseUrl: string,
	parameters: Record<string, NodeParameterValueType>,
	items: IDataObject[] = [{}],
	options: {
		credentials?: Partial<ICredentialDataDecryptedObject>;
		node?: Partial<INode>;
		executionId?: string;
	} = {},
): Promise<WorkflowRun> {
	return await executeWorkflow(
		smsCenterWorkflow(parameters, items, options.node),
		{ smsCenterApi: sandboxCredentials(baseUrl, options.credentials) },
		{ executionId: options.executionId },
	);
}

/** SMS > Send from MyShop of each input item's `text` to its `to`; `parameters` add to these or replace them. */
export function sendOfEachItem(
	parameters: Record<string, unknown> = {},
): Record<string, NodeParameterValueType> {
	return {
		resource: 'sms',
		operation: 'send',
		recipients: '={{ $json.to }}',
		senderName: 'MyShop',
		message: '={{ $json.text }}',
		...parameters,
	} as Record<string, NodeParameterValueType>;
}
