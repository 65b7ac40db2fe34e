import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { CREDENTIAL_NAME } from '../../../shared/credentialName';
import { PROTOCOL_OPTIONS } from '../../../shared/protocol';
import { DEFAULT_CALL_SETTINGS, GatewayCaller, type CallSettings } from '../../transport/gatewayCaller';

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
			typeOptions: { minValue: 1 },
			default: 30,
			description: 'How long to wait for SMSCenter to answer a request',
		},
		{
			displayName: 'Read Attempts',
			name: 'readAttempts',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 3,
			description:
				'How many times to try a read (balances, responses) on timeouts and server errors. Sends are never repeated automatically, so a message is never sent twice.',
		},
		{
			displayName: 'Retry Wait (Milliseconds)',
			name: 'backoffMs',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 500,
			description: 'The wait before the second attempt of a read; it doubles before each further attempt',
		},
	],
};

/** The gateway caller of a run: the node's Connection options over the credential's protocol. */
export async function callerForRun(ctx: IExecuteFunctions): Promise<GatewayCaller> {
	const connection = ctx.getNodeParameter('connection', 0, {}) as IDataObject;
	// Decrypted once per run and handed back to n8n's authentication helper with each request, so a
	// run of thousands of requests does not decrypt the credential thousands of times.
	const credentials = await ctx.getCredentials<ICredentialDataDecryptedObject & { protocol?: unknown }>(CREDENTIAL_NAME);
	const chosen = connection.protocol ?? 'credential';
	const protocol = chosen === 'credential' ? (credentials.protocol ?? DEFAULT_CALL_SETTINGS.protocol) : chosen;
	const number = (name: string, fallback: number) => {
		const value = connection[name];
		return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
	};
	const settings: CallSettings = {
		protocol: protocol === 'soap11' ? 'soap11' : 'httpPost',
		timeoutMs: Math.max(1, number('timeoutSeconds', DEFAULT_CALL_SETTINGS.timeoutMs / 1000)) * 1000,
		readAttempts: Math.max(1, Math.floor(number('readAttempts', DEFAULT_CALL_SETTINGS.readAttempts))),
		backoffMs: number('backoffMs', DEFAULT_CALL_SETTINGS.backoffMs),
	};
	const reference = ctx.getNode().credentials?.[CREDENTIAL_NAME];
	return new GatewayCaller(ctx, settings, { id: reference?.id ?? '', name: reference?.name ?? '', type: CREDENTIAL_NAME, data: credentials });
}
