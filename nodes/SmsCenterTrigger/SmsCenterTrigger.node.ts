import {
	NodeConnectionTypes,
	NodeOperationError,
	type ICredentialsDecrypted,
	type ICredentialTestFunctions,
	type IDataObject,
	type IHookFunctions,
	type INodeCredentialTestResult,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import { GATEWAY_TIME_ZONE, isValidTimeZone } from '../shared/dates';
import { documentationSection } from '../shared/documentation';
import { DELIVERY_STATUSES } from '../shared/statusCodes/deliveryStatuses';
import { DEFAULT_MEMORY_LIMIT } from './helpers/deliveryMemory';
import { acknowledgementProblem, type FollowingNode } from './helpers/acknowledgement';
import { memoryKey } from './helpers/eventId';
import { describeInvalidEntries, isAddressAllowed, parseAllowlist } from './helpers/ipAllowlist';
import { handOver, processMemory, saveWithCall, syncFromStored } from './helpers/memoryStore';
import { readNotification, SECRET_FIELD } from './helpers/notification';
import {
	DELIVERY_PATH,
	FIRST_EVENT_HELP,
	READY_PATH,
	RESPOND_NODE_NOTICE,
	SETUP_NOTICE,
} from './helpers/setupText';
import { readRequestFields } from './helpers/requestFields';
import { acknowledgeOf, responseModeField } from './helpers/responseMode';
import {
	configuredSecret,
	CREDENTIAL_ONLY_VERSION,
	secretMatches,
	secretProblem,
} from './helpers/secret';
import { assertSupportedN8n } from '../shared/n8nSupport';

assertSupportedN8n();

const ACK = '_OK_';

const FINAL_STATUSES = Object.entries(DELIVERY_STATUSES)
	.filter(([, info]) => info.final)
	.map(([code]) => code);

const VERSION_1 = { '@version': [1] };

const DEFAULT_WINDOW_HOURS = 72;

/** Nodes already warned about in this process (activation runs the checks once per webhook method). */
const warnedAboutPlainSecret = new Set<string>();

function allowedIpsText(context: IHookFunctions | IWebhookFunctions): string {
	const options = context.getNodeParameter('options', {}) as IDataObject;
	return typeof options.allowedIps === 'string' ? options.allowedIps : '';
}

/** Refuses to activate a trigger that would refuse every call or let every caller through. */
async function checkSetup(context: IHookFunctions): Promise<void> {
	const { invalid } = parseAllowlist(allowedIpsText(context));
	if (invalid.length > 0) {
		throw new NodeOperationError(
			context.getNode(),
			`Allowed IP Addresses: ${describeInvalidEntries(invalid)}`,
			{
				description:
					'Every call would be refused until the list is fixed. Separate entries with commas.',
			},
		);
	}
	const { source } = await configuredSecret(context);
	if (source === 'none') {
		throw new NodeOperationError(
			context.getNode(),
			'Secret: choose an SMSCenter Trigger API credential holding the secret that SMSCenter sends as the "key" field',
		);
	}
	if (acknowledgeOf(context) === 'responseNode') {
		// The nodes after this one (all of them, in every branch) and their parameters. Every n8n this
		// package supports (1.85 on) has both methods; without them the check is left out.
		if (
			typeof context.getChildNodes === 'function' &&
			typeof context.getParentNodes === 'function'
		) {
			const following = context.getChildNodes(context.getNode().name, {
				includeNodeParameters: true,
			}) as FollowingNode[];
			const problem = acknowledgementProblem(following, (name) =>
				context.getParentNodes(name).map((node) => node.type),
			);
			if (problem) throw new NodeOperationError(context.getNode(), problem);
		}
	}
	const node = `${context.getWorkflow().id ?? ''}\u0000${context.getNode().name}`;
	if (source === 'parameter' && !warnedAboutPlainSecret.has(node)) {
		warnedAboutPlainSecret.add(node);
		context.logger.warn(
			`SMSCenter Trigger "${context.getNode().name}": the secret is a plain node parameter, readable in the workflow, its exports and every execution. Move it into an SMSCenter Trigger API credential.`,
		);
	}
}

export class SmsCenterTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SMSCenter Trigger',
		name: 'smsCenterTrigger',
		icon: { light: 'file:smscenter.svg', dark: 'file:smscenter.dark.svg' },
		group: ['trigger'],
		version: [1, CREDENTIAL_ONLY_VERSION],
		defaultVersion: CREDENTIAL_ONLY_VERSION,
		subtitle: '=Delivery reports',
		description: 'Starts the workflow when SMSCenter reports the delivery of an SMS',
		documentationUrl: documentationSection('the-smscenter-trigger'),
		defaults: { name: 'SMSCenter Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// Required from version 1.1 on, checked at activation: marked required here it would also stop the
		// version 1 nodes that still hold the secret as a parameter (and n8n reads one entry per type).
		credentials: [{ name: 'smsCenterTriggerApi', required: false, testedBy: 'triggerSecretTest' }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'GET',
				...responseModeField(),
				responseData: ACK,
				path: DELIVERY_PATH,
				ndvHideUrl: true,
			},
			{
				name: 'default',
				httpMethod: 'POST',
				...responseModeField(),
				responseData: ACK,
				path: DELIVERY_PATH,
				ndvHideUrl: true,
			},
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
				inactive:
					"SMSCenter calls the Production URL only: publish the workflow, then every delivery report starts it (those executions show in the workflow's Executions, not here).",
				active:
					"SMSCenter's delivery reports start this workflow (those executions show in the workflow's Executions, not here).",
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
				displayName:
					'The Secret below is stored in the workflow in plain text: anyone who sees the workflow, an export or an execution can read it. Choose an SMSCenter Trigger API credential above (n8n encrypts credentials) with the same secret, then empty this field. The URL stays the same.',
				name: 'secretDeprecatedNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: VERSION_1 },
			},
			{
				displayName: 'Secret (Deprecated)',
				name: 'secret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				displayOptions: { show: VERSION_1 },
				description: `Used only when no credential is chosen. Every notification must carry it as the "${SECRET_FIELD}" query field.`,
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: Object.entries(DELIVERY_STATUSES).map(([code, info]) => ({
					name: `${code} ${info.readableName ?? info.name}`,
					value: code,
					description: info.description,
				})),
				default: ['200', '400', '600', '700'],
				description:
					'Which statuses start the workflow. Others are still acknowledged so SMSCenter does not retry them.',
			},
			{
				displayName: 'Acknowledge',
				name: 'acknowledge',
				type: 'options',
				options: [
					{
						name: 'On Receipt',
						value: 'onReceived',
						description:
							'Answer _OK_ as soon as n8n has accepted the report; a repeated report starts nothing',
					},
					{
						name: 'After the Workflow (Respond to Webhook Node)',
						value: 'responseNode',
						description:
							'A Respond to Webhook node answering _OK_ acknowledges; when the run fails, SMSCenter retries the notification',
					},
				],
				default: 'onReceived',
			},
			{
				displayName: RESPOND_NODE_NOTICE,
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
						description:
							"Addresses or CIDR ranges that may call, separated by commas. Others are refused with 403. Empty allows any address that has the secret. Behind a reverse proxy, set n8n's N8N_PROXY_HOPS so that n8n sees the caller's address. A malformed entry stops the workflow from activating.",
					},
					{
						displayName: 'Duplicate Window (Hours)',
						name: 'duplicateWindowHours',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 72,
						description: `A notification with the same message ID, phone number and status within this time is acknowledged but starts nothing (at most ${DEFAULT_MEMORY_LIMIT.toLocaleString('en-US')} reports are remembered). 0 turns this off.`,
					},
					{
						displayName: 'Reject Malformed Notifications',
						name: 'rejectMalformed',
						type: 'boolean',
						default: false,
						description:
							'Whether to answer 400 to notifications without a readable message ID or status code, instead of starting the workflow with valid set to false',
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

	methods = {
		credentialTest: {
			async triggerSecretTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const secret = typeof credential.data?.secret === 'string' ? credential.data.secret : '';
				const problem = secretProblem(secret);
				return problem === undefined
					? { status: 'OK', message: 'The secret can be used in the notification URL' }
					: { status: 'Error', message: problem };
			},
		},
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				await checkSetup(this);
				const staticData = this.getWorkflowStaticData('node');
				return staticData.registeredUrl === this.getNodeWebhookUrl('default');
			},
			async create(this: IHookFunctions): Promise<boolean> {
				await checkSetup(this);
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
		const acknowledge = acknowledgeOf(this);

		// Fail closed: a list with a malformed entry refuses every caller.
		const allowlist = parseAllowlist(allowedIpsText(this));
		if (allowlist.invalid.length > 0) {
			this.logger.error(
				`SMSCenter Trigger "${this.getNode().name}" refused a notification: Allowed IP Addresses: ${describeInvalidEntries(allowlist.invalid)}`,
			);
			return answer(403, 'Forbidden');
		}
		// n8n's req.ip: the socket's address, or with N8N_PROXY_HOPS set, the address that many proxies back.
		const remote = req.ip ?? req.socket?.remoteAddress ?? '';
		if (allowlist.ranges.length > 0 && !isAddressAllowed(remote, allowlist.ranges))
			return answer(403, 'Forbidden');

		const { fields, problems: requestProblems } = readRequestFields(req);
		const { secret } = await configuredSecret(this);
		const givenKey =
			Object.entries(fields).find(([name]) => name.toLowerCase() === SECRET_FIELD)?.[1] ?? '';
		if (!secretMatches(givenKey, secret)) return answer(401, 'Unauthorized');

		const configuredZone =
			typeof options.timeZone === 'string' ? options.timeZone : GATEWAY_TIME_ZONE;
		const event = readNotification(
			fields,
			isValidTimeZone(configuredZone) ? configuredZone : GATEWAY_TIME_ZONE,
			new Date(),
			requestProblems,
		);

		const windowHours =
			typeof options.duplicateWindowHours === 'number' && options.duplicateWindowHours >= 0
				? options.duplicateWindowHours
				: DEFAULT_WINDOW_HOURS;
		const remembers =
			acknowledge === 'onReceived' && windowHours > 0 && this.getMode() !== 'manual';
		const memoryEntry = remembers
			? processMemory(this.getWorkflow().id ?? '', this.getNode().name)
			: undefined;
		const nodeStaticData = remembers ? this.getWorkflowStaticData('node') : {};
		if (memoryEntry) syncFromStored(memoryEntry, nodeStaticData);
		/** A call that starts no run also stores what this process remembered since its last write. */
		const answerWithoutRun = (status: number, body: string) => {
			if (memoryEntry?.memory.unsaved) saveWithCall(nodeStaticData, memoryEntry.memory);
			return answer(status, body);
		};

		const statuses = this.getNodeParameter('statuses', FINAL_STATUSES) as string[];
		if (event.status.code !== null && !statuses.includes(String(event.status.code)))
			return answerWithoutRun(200, ACK);
		if (!event.valid && options.rejectMalformed === true)
			return answerWithoutRun(400, `Bad Request: ${event.problems.join('; ')}`);

		if (memoryEntry && event.valid) {
			const { memory } = memoryEntry;
			const minute = memory.minute(Date.now());
			memory.prune(minute, windowHours * 60);
			const key = memoryKey(event.eventId);
			const state = memory.state(key);
			if (state === 'seen' || state === 'starting') return answerWithoutRun(200, ACK);
			// The same report was handed to n8n, but its caller left before the answer: not known yet whether
			// the run was taken, so this retry is not acknowledged (the gateway tries again later).
			if (state === 'unsettled')
				return answerWithoutRun(409, 'Conflict: this report is still being started; retry later');
			handOver(nodeStaticData, memory, key, minute, res);
		}

		const workflowData = [this.helpers.returnJsonArray([event as unknown as IDataObject])];
		if (acknowledge === 'responseNode') return { workflowData };
		// n8n answers once it has taken the run on: if it cannot, the gateway gets no _OK_ and retries.
		return { workflowData, webhookResponse: ACK };
	}
}
