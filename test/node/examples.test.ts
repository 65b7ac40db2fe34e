import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeProperties, INodeType, IWorkflowBase } from 'n8n-workflow';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { executeWorkflow, sandboxCredentials } from '../harness/executeWorkflow';
import { builtInStandIns } from '../harness/builtInStandIns';
import { loadBuilt } from '../harness/packageTypes';

const EXAMPLES = join(__dirname, '..', '..', 'examples');
const load = (file: string) => JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as IWorkflowBase;
const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json'));

/** Names of the parameters a node shows for given resource and operation. */
function shownParameters(properties: INodeProperties[], parameters: Record<string, unknown>): Set<string> {
	return new Set(
		properties
			.filter((p) => Object.entries(p.displayOptions?.show ?? {}).every(([key, values]) => (values as unknown[]).includes(parameters[key])))
			.map((p) => p.name),
	);
}

describe('example workflows', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => sandbox.reset());

	const node = loadBuilt<INodeType>('nodes/SmsCenter/SmsCenter.node.js', 'SmsCenter');
	const trigger = loadBuilt<INodeType>('nodes/SmsCenterTrigger/SmsCenterTrigger.node.js', 'SmsCenterTrigger');

	it.each(files)('%s only sets parameters the nodes have', (file) => {
		for (const n of load(file).nodes) {
			const type = n.type === 'n8n-nodes-smscenter.smsCenter' ? node : n.type === 'n8n-nodes-smscenter.smsCenterTrigger' ? trigger : undefined;
			if (!type) continue;
			const shown = shownParameters(type.description.properties, n.parameters);
			expect(Object.keys(n.parameters).filter((name) => !shown.has(name))).toEqual([]);
		}
	});

	it.each(files.filter((f) => f !== 'delivery-report-log.json'))('%s runs in the n8n engine against the sandbox', async (file) => {
		const workflow = load(file);
		const run = await executeWorkflow(workflow, { smsCenterApi: sandboxCredentials(sandbox.url) }, { extraNodeTypes: builtInStandIns() });
		const failures = Object.entries(run.run.data.resultData.runData).filter(([, tasks]) => tasks[0].error);
		expect(failures.map(([name, tasks]) => `${name}: ${tasks[0].error?.message}`)).toEqual([]);
		const smsCenterNodes = workflow.nodes.filter((n) => n.type === 'n8n-nodes-smscenter.smsCenter');
		for (const n of smsCenterNodes) expect(run.output(n.name).length).toBeGreaterThan(0);
		expect(sandbox.calls().length).toBeGreaterThan(0);
	});
});
