import { timingSafeEqual } from 'crypto';
import {
	NodeConnectionTypes,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { GATEWAY_TIME_ZONE, isValidTimeZone } from '../shared/dates';
import { documentationSection } from '../shared/documentation';
import { DELIVERY_STATUSES } from '../shared/statusCodes/deliveryStatuses';
import { flattenFields, readNotification, SECRET_FIELD } from './helpers/notification';
import { DELIVERY_PATH, FIRST_EVENT_HELP, READY_PATH, SETUP_NOTICE } from './helpers/setupText';
import { isAddressAllowed, parseAllowlist } from './helpers/ipAllowlist';
import { mergeNotifications, notificationKey, rememberNotification, type SeenNotifications } from './helpers/duplicates';

const ACK = '_OK_';

const FINAL_STATUSES = Object.entries(DELIVERY_STATUSES)
	.filter(([, info]) => info.final)
	.map(([code]) => code);

/**
 * This process's memory of notifications, per workflow and node. n8n loads and saves a workflow's
 * static data whole for each webhook call, so concurrent calls can overwrite each other's additions;
 * the process memory keeps them, and each call writes the union back to the static data (which
 * carries the memory across restarts).
 */
const processMemory = new Map<string, SeenNotifications>();

function secretMatches(given: string, expected: string): boolean {
	const a = Buffer.from(given);
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}

export class SmsCenterTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SMSCenter Trigger',
		name: 'smsCenterTrigger',
		icon: { light: 'file:smscenter.svg', dark: 'file:smscenter.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '=Delivery reports',
		description: 'Starts the workflow when SMSCenter reports the delivery of an SMS',
		documentationUrl: documentationSection('the-smscenter-trigger'),
		defaults: { name: 'SMSCenter Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		webhooks: [
			{ name: 'default', httpMethod: 'GET', responseMode: '={{$parameter["acknowledge"]}}', responseData: ACK, path: DELIVERY_PATH, ndvHideUrl: true },
			{ name: 'default', httpMethod: 'POST', responseMode: '={{$parameter["acknowledge"]}}', responseData: ACK, path: DELIVERY_PATH, ndvHideUrl: true },
			// Shown under Webhook URLs, never registered (n8n registers no webhook without an HTTP method):
			// the address with SMSCenter's tokens, for the user to copy in one click.
			{ name: 'setup', httpMethod: '', path: READY_PATH, ndvHideMethod: true },
		],
		triggerPanel: {
			header: 'Pull in a delivery report to set up the workflow',
			executionsHelp: {
				inactive: FIRST_EVENT_HELP,
				active: FIRST_EVENT_HELP,
			},
			activationHint: {
				inactive: "SMSCenter calls the Production URL only: publish the workflow, then every delivery report starts it (those executions show in the workflow's Executions, not here).",
				active: "SMSCenter's delivery reports start this workflow (those executions show in the workflow's Executions, not here).",
			},
		},
		properties: [
			{
				displayName: SETUP_NOTICE,
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Secret',
				name: 'secret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				required: true,
				description: `A long random value (for example 32 letters and digits) that every notification must carry as the "${SECRET_FIELD}" query field. Calls without it are refused with 401 and start nothing.`,
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: Object.entries(DELIVERY_STATUSES).map(([code, info]) => ({ name: `${code} ${info.readableName ?? info.name}`, value: code, description: info.description })),
				default: ['200', '400', '600', '700'],
				description: 'Which statuses start the workflow. Others are still acknowledged so SMSCenter does not retry them.',
			},
			{
				displayName: 'Acknowledge',
				name: 'acknowledge',
				type: 'options',
				options: [
					{ name: 'On Receipt', value: 'onReceived', description: 'Answer _OK_ at once; repeated notifications start nothing' },
					{
						name: 'After the Workflow (Respond to Webhook Node)',
						value: 'responseNode',
						description: 'A Respond to Webhook node answering _OK_ acknowledges; when the run fails, SMSCenter retries the notification',
					},
				],
				default: 'onReceived',
			},
			{
				displayName: 'End the workflow with a Respond to Webhook node that answers with the text _OK_. Until it answers, SMSCenter keeps the notification and retries it, so a failed run loses nothing; each retry starts the workflow again.',
				name: 'responseNodeNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { acknowledge: ['responseNode'] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Allowed IP Addresses',
						name: 'allowedIps',
						type: 'string',
						default: '',
						placeholder: '192.0.2.10, 198.51.100.0/24',
						description: 'Addresses or CIDR ranges that may call, separated by commas. Others are refused with 403. Empty allows any address that has the secret.',
					},
					{
						displayName: 'Duplicate Window (Hours)',
						name: 'duplicateWindowHours',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 72,
						description: 'A notification with the same message ID, phone number and status within this time is acknowledged but starts nothing. 0 turns this off.',
					},
					{
						displayName: 'Reject Malformed Notifications',
						name: 'rejectMalformed',
						type: 'boolean',
						default: false,
						description: 'Whether to answer 400 to notifications with a missing or invalid field instead of emitting them with valid set to false',
					},
					{
						displayName: 'Time Zone of Dates',
						name: 'timeZone',
						type: 'string',
						default: GATEWAY_TIME_ZONE,
						description: 'The time zone SMSCenter writes delivery dates in',
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const staticData = this.getWorkflowStaticData('node');
				return staticData.registeredUrl === this.getNodeWebhookUrl('default');
			},
			async create(this: IHookFunctions): Promise<boolean> {
				// SMSCenter has no API to register a URL: the user pastes it in SMSCenter's settings.
				const staticData = this.getWorkflowStaticData('node');
				staticData.registeredUrl = this.getNodeWebhookUrl('default');
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const staticData = this.getWorkflowStaticData('node');
				delete staticData.registeredUrl;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject();
		const res = this.getResponseObject();
		const answer = (status: number, body: string): IWebhookResponseData => {
			res.status(status).type('text/plain').send(body);
			return { noWebhookResponse: true };
		};
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const acknowledge = this.getNodeParameter('acknowledge', 'onReceived') as string;

		const allowlist = parseAllowlist(String(options.allowedIps ?? ''));
		const remote = req.ip ?? req.socket?.remoteAddress ?? '';
		if (allowlist.length > 0 && !isAddressAllowed(remote, allowlist)) return answer(403, 'Forbidden');

		const fields = { ...flattenFields(req.query), ...(req.method === 'POST' ? flattenFields(req.body) : {}) };
		const secret = String(this.getNodeParameter('secret', '') ?? '');
		const givenKey = Object.entries(fields).find(([k]) => k.toLowerCase() === SECRET_FIELD)?.[1] ?? '';
		if (secret === '' || !secretMatches(givenKey, secret)) return answer(401, 'Unauthorized');

		const configuredZone = String(options.timeZone ?? GATEWAY_TIME_ZONE);
		const event = readNotification(fields, isValidTimeZone(configuredZone) ? configuredZone : GATEWAY_TIME_ZONE, new Date());
		if (!event.valid && options.rejectMalformed === true) return answer(400, `Bad Request: ${event.problems.join('; ')}`);

		const statuses = this.getNodeParameter('statuses', FINAL_STATUSES) as string[];
		if (event.valid && !statuses.includes(String(event.status.code))) return answer(200, ACK);

		const windowHours = typeof options.duplicateWindowHours === 'number' ? options.duplicateWindowHours : 72;
		if (acknowledge === 'onReceived' && windowHours > 0) {
			const staticData = this.getWorkflowStaticData('node');
			const memoryKey = `${this.getWorkflow().id ?? ''}:${this.getNode().name}`;
			const seen = processMemory.get(memoryKey) ?? {};
			processMemory.set(memoryKey, seen);
			mergeNotifications(seen, (staticData.seen ?? {}) as SeenNotifications);
			const key = notificationKey(event.messageId, event.msisdnNormalised ?? event.msisdn, event.status.code ?? fields.StatusCode ?? null);
			const isNew = rememberNotification(seen, key, Date.now(), windowHours * 3_600_000);
			if (isNew || Object.keys(staticData.seen ?? {}).length !== Object.keys(seen).length) staticData.seen = { ...seen };
			if (!isNew) return answer(200, ACK);
		}

		const workflowData = [this.helpers.returnJsonArray([event as unknown as IDataObject])];
		if (acknowledge === 'responseNode') return { workflowData };
		// n8n answers once it has taken the run on: if it cannot, the gateway gets no _OK_ and retries.
		return { workflowData, webhookResponse: ACK };
	}
}
