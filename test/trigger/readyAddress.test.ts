import { NodeHelpers, type INode, type INodeType } from 'n8n-workflow';
import { runSmsCenter } from '../harness/executeWorkflow';
import { loadBuilt } from '../harness/packageTypes';
import { useSandbox } from '../harness/sandbox';
import { MINIMAL } from '../node/fixtures';
import { useTriggers, waitFor } from './notifications';

const SECRET = 'Rk4mP8sV2yB6dF9hJ3nQ7tW1';

/** The address n8n's Webhook URLs list shows for a webhook of the node, built as the editor builds it. */
function shownAddress(baseUrl: string, webhookId: string, path: string): string {
	const node = {
		id: 'trigger',
		name: 'SMSCenter Trigger',
		type: 'n8n-nodes-smscenter.smsCenterTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		webhookId,
	} as INode;
	return NodeHelpers.getNodeWebhookUrl(baseUrl, 'workflow', node, path, false);
}

describe('the address the trigger shows for SMSCenter', () => {
	const description = loadBuilt<INodeType>(
		'nodes/SmsCenterTrigger/SmsCenterTrigger.node.js',
		'SmsCenterTrigger',
	).description;
	const sandbox = useSandbox({ timeScale: 1e-5 });
	const startTrigger = useTriggers();

	it('Webhook URLs lists one address, which n8n never registers; the GET and POST webhooks are registered but not listed', () => {
		const webhooks = description.webhooks ?? [];
		const listed = webhooks.filter((webhook) => webhook.ndvHideUrl !== true);
		expect(listed.map((webhook) => [webhook.httpMethod, webhook.path])).toEqual([
			[
				'',
				'delivery?MsgID={MsgID}&MSISDN={MSISDN}&StatusCode={StatusCode}&StatusDes={StatusDes}&ReasonCode={ReasonCode}&ReasonDes={ReasonDes}&Date={Dlr_ddmmyyyhhmmss}&DlrDate={DLR_DDMMYYYYHHMMSS}&key=',
			],
		]);
		// n8n registers one webhook per HTTP method it finds; an empty method gives none.
		const registered = webhooks.flatMap((webhook) =>
			String(webhook.httpMethod)
				.split(',')
				.filter(Boolean)
				.map((method) => [method, webhook.path]),
		);
		expect(registered).toEqual([
			['GET', 'delivery'],
			['POST', 'delivery'],
		]);
	});

	it('pasted into SMSCenter with the secret typed after key=, it brings the delivery reports of a send', async () => {
		const trigger = await startTrigger({}, { credentialSecret: SECRET });
		const webhookId = trigger.productionUrl.split('/').slice(-2)[0];
		const setup = description.webhooks!.find((webhook) => webhook.ndvHideUrl !== true)!;
		const address = shownAddress(`${trigger.url}/webhook`, webhookId, setup.path);
		expect(address.startsWith(`${trigger.productionUrl}?`)).toBe(true);
		expect(address.endsWith('&key=')).toBe(true);

		sandbox.setNotificationUrl('demo', address + SECRET);
		await runSmsCenter(sandbox.url, MINIMAL.smsSend);
		await waitFor(() => sandbox.dlrAttempts().length === 2);
		await sandbox.dlr.idle();
		expect(
			sandbox
				.dlrAttempts()
				.map((attempt) => [attempt.statusCode, attempt.httpStatus, attempt.body]),
		).toEqual([
			[300, 200, '_OK_'],
			[600, 200, '_OK_'],
		]);
		expect(trigger.executions.map((items) => items[0].json)).toEqual([
			expect.objectContaining({
				valid: true,
				messageId: '1000001',
				msisdnNormalised: '0541234560',
				status: expect.objectContaining({ code: 600, name: 'Delivered' }),
			}),
		]);
	});
});
