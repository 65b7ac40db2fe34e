/**
 * "After the Workflow" acknowledges a report with a Respond to Webhook node answering `_OK_`. n8n runs
 * Respond to Webhook from version 1.1 on only when one of the nodes before it is its own Webhook, Form
 * Trigger, Chat Trigger or Wait node: right after this trigger, version 1.1 and later fail every run
 * ("No Webhook node found"), and SMSCenter would retry every report for three days. Version 1 answers
 * as asked.
 */

export const RESPOND_TO_WEBHOOK_TYPE = 'n8n-nodes-base.respondToWebhook';
/** The last version of Respond to Webhook that answers after any trigger. */
export const RESPONDING_VERSION = 1;
/** The nodes n8n's later Respond to Webhook versions want before them (n8n-workflow's constants). */
const N8N_WEBHOOK_STARTS = [
	'n8n-nodes-base.webhook',
	'n8n-nodes-base.formTrigger',
	'@n8n/n8n-nodes-langchain.chatTrigger',
	'n8n-nodes-base.wait',
];

/** A Respond to Webhook node answering `_OK_`, as n8n's editor pastes it from the clipboard. */
export const RESPOND_NODE_TO_PASTE = JSON.stringify({
	nodes: [
		{
			parameters: { respondWith: 'text', responseBody: '_OK_', options: {} },
			type: RESPOND_TO_WEBHOOK_TYPE,
			typeVersion: RESPONDING_VERSION,
			position: [440, 0],
			name: 'Answer _OK_',
		},
	],
	connections: {},
});

export interface FollowingNode {
	name: string;
	type: string;
	typeVersion: number;
	disabled?: boolean;
	parameters?: Record<string, unknown>;
}

/** Whether a Respond to Webhook node answers a text holding `_OK_` (an expression is taken on trust). */
function answersOk(node: FollowingNode): boolean {
	const parameters = node.parameters;
	if (!parameters) return true;
	const body = parameters.responseBody;
	return (
		parameters.respondWith === 'text' &&
		typeof body === 'string' &&
		(body.includes('_OK_') || body.startsWith('='))
	);
}

/**
 * Why the nodes after the trigger cannot acknowledge a report in "After the Workflow" mode, or
 * undefined. `typesBefore` gives the types of the nodes before a node (n8n's getParentNodes).
 */
export function acknowledgementProblem(
	following: readonly FollowingNode[],
	typesBefore: (name: string) => string[] = () => [],
): string | undefined {
	const responders = following.filter((node) => node.type === RESPOND_TO_WEBHOOK_TYPE);
	const enabled = responders.filter((node) => node.disabled !== true);
	const unusable = enabled.filter(
		(node) =>
			node.typeVersion > RESPONDING_VERSION &&
			!typesBefore(node.name).some((type) => N8N_WEBHOOK_STARTS.includes(type)),
	);
	if (unusable.length > 0) {
		const names = unusable.map((node) => `"${node.name}" (version ${node.typeVersion})`).join(', ');
		return `Acknowledge: Respond to Webhook ${names} cannot answer for this trigger: n8n runs Respond to Webhook from version 1.1 on only after its own Webhook node, so every run would fail and SMSCenter would retry every report. Replace it with version 1, which answers _OK_ here: delete it and paste the node shown under Acknowledge`;
	}
	const silent = enabled.filter((node) => !answersOk(node));
	if (silent.length > 0) {
		const names = silent.map((node) => `"${node.name}"`).join(', ');
		return `Acknowledge: Respond to Webhook ${names} must answer with Text holding _OK_ (Respond With: Text, Response Body: _OK_); SMSCenter counts any other answer as a failure and retries the report`;
	}
	if (enabled.length === 0) {
		const disabled =
			responders.length > 0
				? ` (${responders.map((node) => `"${node.name}"`).join(', ')} is deactivated)`
				: '';
		return `Acknowledge: After the Workflow needs a Respond to Webhook node (version 1) after the trigger answering _OK_${disabled}; without it SMSCenter never gets _OK_ and retries every report. Paste the node shown under Acknowledge, or choose On Receipt`;
	}
	return undefined;
}
