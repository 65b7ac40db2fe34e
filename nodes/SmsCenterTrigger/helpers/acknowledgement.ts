/**
 * "After the Workflow" acknowledges a report with a Respond to Webhook node answering `_OK_`. n8n runs
 * Respond to Webhook from version 1.1 on only in workflows started by its own Webhook, Form, Chat or
 * Wait node: after this trigger, version 1.1 and later fail every run ("No Webhook node found"), and
 * SMSCenter would retry every report for three days. Version 1 answers as asked.
 */

export const RESPOND_TO_WEBHOOK_TYPE = 'n8n-nodes-base.respondToWebhook';
/** The last version of Respond to Webhook that answers for a community trigger. */
export const RESPONDING_VERSION = 1;

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
}

/** Why the nodes after the trigger cannot acknowledge a report in "After the Workflow" mode, or undefined. */
export function acknowledgementProblem(following: readonly FollowingNode[]): string | undefined {
	const responders = following.filter(
		(node) => node.type === RESPOND_TO_WEBHOOK_TYPE && node.disabled !== true,
	);
	const unusable = responders.filter((node) => node.typeVersion > RESPONDING_VERSION);
	if (unusable.length > 0) {
		const names = unusable.map((node) => `"${node.name}" (version ${node.typeVersion})`).join(', ');
		return `Acknowledge: Respond to Webhook ${names} cannot answer for this trigger: n8n runs Respond to Webhook from version 1.1 on only after its own Webhook node, so every run would fail and SMSCenter would retry every report. Replace it with version 1, which answers _OK_ here: delete it and paste the node shown under Acknowledge`;
	}
	if (responders.length === 0)
		return 'Acknowledge: After the Workflow needs a Respond to Webhook node (version 1) after the trigger answering _OK_; without it SMSCenter never gets _OK_ and retries every report. Paste the node shown under Acknowledge, or choose On Receipt';
	return undefined;
}
