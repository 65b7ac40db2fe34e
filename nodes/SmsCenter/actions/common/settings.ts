import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { CREDENTIAL_NAME, DEFAULT_CALL_SETTINGS, GatewayCaller, type CallSettings } from '../../transport/request';
import type { AsmxProtocol } from '../../transport/requestBuilder';

/** The connection settings of this run: the node's Connection options over the credential's protocol. */
export async function gatewayCaller(ctx: IExecuteFunctions): Promise<GatewayCaller> {
	const connection = ctx.getNodeParameter('connection', 0, {}) as IDataObject;
	// Decrypted once per run and handed back to n8n's authentication helper with each request, so a
	// run of thousands of requests does not decrypt the credential thousands of times.
	const credentials = await ctx.getCredentials<ICredentialDataDecryptedObject & { protocol?: AsmxProtocol }>(CREDENTIAL_NAME);
	let protocol = (connection.protocol as string | undefined) ?? 'credential';
	if (protocol === 'credential') protocol = credentials.protocol ?? DEFAULT_CALL_SETTINGS.protocol;
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
