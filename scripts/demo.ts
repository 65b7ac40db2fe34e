/**
 * The demo environment of `npm start` (and of the README screenshot): the SMSCenter sandbox and a
 * real n8n with this package, demo credentials pointing at the sandbox, the example workflows
 * imported and the delivery-report workflow active.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { installN8n, installPackageInto, N8nInstance, PACKAGE_ROOT } from './n8n/instance';
import { quietSteps, type StepRunner } from './progress';

const TOKENS = 'MsgID={MsgID}&MSISDN={MSISDN}&StatusCode={StatusCode}&StatusDes={StatusDes}&ReasonCode={ReasonCode}&ReasonDes={ReasonDes}&Date={Dlr_ddmmyyyhhmmss}';

export interface ExampleWorkflow {
	id: string;
	name: string;
	nodes: Array<{ type: string; webhookId?: string; parameters: Record<string, unknown> }>;
}

export interface Demo {
	sandbox: Sandbox;
	n8n: N8nInstance;
	examples: ExampleWorkflow[];
	reports?: ExampleWorkflow;
	stop(): Promise<void>;
}

export function loadExamples(): ExampleWorkflow[] {
	const dir = join(PACKAGE_ROOT, 'examples');
	return readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as ExampleWorkflow);
}

/** How many steps `startDemo` reports through its step runner. */
export const DEMO_STEPS = 7;

export async function startDemo(options: { sandboxPort: number; n8nPort: number; workDir?: string; step?: StepRunner }): Promise<Demo> {
	const step = options.step ?? quietSteps;
	const sandbox = await step(`Starting the SMSCenter sandbox on port ${options.sandboxPort}`, () => startSandbox({ port: options.sandboxPort }));
	const workDir = options.workDir ?? join(PACKAGE_ROOT, '.n8n-demo');
	rmSync(workDir, { recursive: true, force: true });
	const home = await step('Checking the n8n install (the first run installs it: about 4 minutes)', () => installN8n(), { ownProgress: true });
	const n8n = new N8nInstance({ workDir, port: options.n8nPort, database: { type: 'sqlite' } }, home);
	await step("Packing this package into n8n's community nodes", () => installPackageInto(n8n.userFolder, workDir));
	await step('Importing the credential for the sandbox', () =>
		n8n.importCredentials([
			{ id: 'smscenter-demo', name: 'SMSCenter sandbox', type: 'smsCenterApi', data: { username: 'demo', password: 'demo-api-key', baseUrl: sandbox.url, allowInsecureHttp: false, protocol: 'httpPost' } },
		]),
	);
	const examples = loadExamples();
	await step(`Importing ${examples.length} demo workflows`, () => n8n.importWorkflows(examples));
	await step(`Starting n8n on port ${options.n8nPort}`, () => n8n.start());

	const reports = examples.find((workflow) => workflow.nodes.some((node) => node.type === 'n8n-nodes-smscenter.smsCenterTrigger'));
	await step('Publishing the delivery report workflow', async () => {
		if (!reports) return;
		const trigger = reports.nodes.find((node) => node.type === 'n8n-nodes-smscenter.smsCenterTrigger')!;
		await n8n.activate(reports.id);
		sandbox.setNotificationUrl('demo', `${n8n.url}/webhook/${trigger.webhookId}/delivery?key=${String(trigger.parameters.secret)}&${TOKENS}`);
	});
	return {
		sandbox,
		n8n,
		examples,
		reports,
		async stop() {
			await n8n.stop();
			await sandbox.close();
		},
	};
}
