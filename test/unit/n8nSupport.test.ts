import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as n8nWorkflow from 'n8n-workflow';
import { assertSupportedN8n, LOWEST_N8N_VERSION } from '../../nodes/shared/n8nSupport';
import { assertDistFresh } from '../harness/distFreshness';

const ROOT = join(__dirname, '..', '..');
const REFUSAL = `n8n-nodes-smscenter needs n8n ${LOWEST_N8N_VERSION} or later: this n8n's n8n-workflow has no NodeConnectionTypes. Update n8n, or uninstall the package under Settings > Community nodes.`;

/** n8n-workflow as n8n before 1.85 has it: the connection types only as the older enum. */
function olderWorkflow(): Record<string, unknown> {
	const exports: Record<string, unknown> = { ...n8nWorkflow, NodeConnectionType: { Main: 'main' } };
	delete exports.NodeConnectionTypes;
	return exports;
}

describe('the lowest n8n the package loads in', () => {
	it('loads with the n8n-workflow it is built against', () => {
		expect(() => assertSupportedN8n()).not.toThrow();
	});

	it('refuses an n8n-workflow without NodeConnectionTypes, naming the lowest n8n version', () => {
		expect(() => assertSupportedN8n(olderWorkflow())).toThrow(REFUSAL);
	});

	it.each([
		['nodes/SmsCenter/SmsCenter.node.js'],
		['nodes/SmsCenterTrigger/SmsCenterTrigger.node.js'],
	])('the built %s refuses to load in an older n8n with that message', (file) => {
		assertDistFresh();
		jest.isolateModules(() => {
			jest.doMock('n8n-workflow', () => olderWorkflow());
			// The built CommonJS module, by a path known only at run time.
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			expect(() => require(join(ROOT, 'dist', file))).toThrow(REFUSAL);
		});
		jest.dontMock('n8n-workflow');
	});

	it('package.json states the same lowest version in engines', () => {
		const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
			engines: Record<string, string>;
		};
		expect(pkg.engines.n8n).toBe(`>=${LOWEST_N8N_VERSION}`);
	});
});
