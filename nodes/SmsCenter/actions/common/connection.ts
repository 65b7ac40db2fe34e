import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	INodeProperties,
} from 'n8n-workflow';
import { CREDENTIAL_NAME } from '../../../shared/credentialName';
import { PROTOCOL_OPTIONS } from '../../../shared/protocol';
import {
	DEFAULT_CALL_SETTINGS,
	GatewayCaller,
	type CallSettings,
} from '../../transport/gatewayCaller';
import { readCollection, readNumber, readOption, type NumberField } from './parameterValues';

export const connectionOptions: INodeProperties = {
	displayName: 'Connection',
	name: 'connection',
	type: 'collection',
	placeholder: 'Add Connection Setting',
	default: {},
	options: [
		{
			displayName: 'Protocol',
			name: 'protocol',
			type: 'options',
			options: [{ name: 'As in the Credential', value: 'credential' }, ...PROTOCOL_OPTIONS],
			default: 'credential',
			description: 'How to call the SMSCenter web services',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 600 },
			default: 30,
			description: 'How long to wait for SMSCenter to answer a request',
		},
		{
			displayName: 'Read Attempts',
			name: 'readAttempts',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 10 },
			default: 3,
			description:
				'How many times to try a read (balances, responses) on timeouts and server errors. Sends are never repeated automatically, so a message is never sent twice.',
		},
		{
			displayName: 'Retry Wait (Milliseconds)',
			name: 'backoffMs',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 60000 },
			default: 500,
			description:
				'The wait before the second attempt of a read; it doubles before each further attempt',
		},
	],
};

/** The bounds of the Connection settings: a wrong value from an expression is an error, never a default in disguise. */
const TIMEOUT: NumberField = {
	label: 'Timeout (Seconds)',
	min: 1,
	max: 600,
	whole: true,
	fallback: DEFAULT_CALL_SETTINGS.timeoutMs / 1000,
};
const READ_ATTEMPTS: NumberField = {
	label: 'Read Attempts',
	min: 1,
	max: 10,
	whole: true,
	fallback: DEFAULT_CALL_SETTINGS.readAttempts,
};
const BACKOFF: NumberField = {
	label: 'Retry Wait (Milliseconds)',
	min: 0,
	max: 60_000,
	whole: true,
	fallback: DEFAULT_CALL_SETTINGS.backoffMs,
};
const PROTOCOL_CHOICES = ['credential', 'httpPost', 'soap11'] as const;

/** The gateway caller of a run: the node's Connection options (read with the first item) over the credential's protocol. */
export async function callerForRun(ctx: IExecuteFunctions): Promise<GatewayCaller> {
	const connection = readCollection(
		ctx,
		0,
		'Connection',
		ctx.getNodeParameter('connection', 0, {}),
	);
	const chosen = readOption(
		ctx,
		0,
		'Protocol',
		connection.protocol,
		PROTOCOL_CHOICES,
		'credential',
	);
	const timeoutSeconds = readNumber(ctx, 0, connection.timeoutSeconds, TIMEOUT);
	const readAttempts = readNumber(ctx, 0, connection.readAttempts, READ_ATTEMPTS);
	const backoffMs = readNumber(ctx, 0, connection.backoffMs, BACKOFF);
	// Decrypted once per run and handed back to n8n's authentication helper with each request, so a
	// run of thousands of requests does not decrypt the credential thousands of times.
	const credentials = await ctx.getCredentials<
		ICredentialDataDecryptedObject & { protocol?: unknown }
	>(CREDENTIAL_NAME);
	const protocol =
		chosen === 'credential' ? (credentials.protocol ?? DEFAULT_CALL_SETTINGS.protocol) : chosen;
	const settings: CallSettings = {
		protocol: protocol === 'soap11' ? 'soap11' : 'httpPost',
		timeoutMs: timeoutSeconds * 1000,
		readAttempts,
		backoffMs,
	};
	const reference = ctx.getNode().credentials?.[CREDENTIAL_NAME];
	return new GatewayCaller(ctx, settings, {
		id: reference?.id ?? '',
		name: reference?.name ?? '',
		type: CREDENTIAL_NAME,
		data: credentials,
	});
}
