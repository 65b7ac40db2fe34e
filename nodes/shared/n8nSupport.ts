import * as n8nWorkflow from 'n8n-workflow';

/**
 * The oldest n8n the package loads in: its nodes name their connections with n8n-workflow's
 * `NodeConnectionTypes`, which n8n-workflow 1.83 (n8n 1.85) brought. Tested on n8n 1.123.81 and 2.40.7.
 */
export const LOWEST_N8N_VERSION = '1.85.0';

/**
 * Refuses to load in an n8n older than that, saying so, rather than failing later on a missing export.
 * A check of the feature itself, not of a version number: `workflowExports` is n8n-workflow as n8n loads it.
 */
export function assertSupportedN8n(workflowExports: object = n8nWorkflow): void {
	const connectionTypes = (workflowExports as { NodeConnectionTypes?: { Main?: unknown } })
		.NodeConnectionTypes;
	if (connectionTypes?.Main === 'main') return;
	throw new Error(
		`n8n-nodes-smscenter needs n8n ${LOWEST_N8N_VERSION} or later: this n8n's n8n-workflow has no NodeConnectionTypes. Update n8n, or uninstall the package under Settings > Community nodes.`,
	);
}
