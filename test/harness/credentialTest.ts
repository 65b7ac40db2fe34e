import type { ICredentialDataDecryptedObject, INodeType } from 'n8n-workflow';
import { executeWorkflow } from './executeWorkflow';
import { smsCenterCredentialType } from './packageTypes';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

const PROBE_TYPE = 'harness.credentialProbe';

/**
 * Tests a credential the way n8n's credentials tester does for a credential with a `test` request:
 * a throw-away declarative node whose only property routes the test request, run with the
 * credential, pre-authentication forced (n8n always runs it when testing).
 */
export async function testSmsCenterCredential(data: ICredentialDataDecryptedObject): Promise<CredentialTestResult> {
	const credentialType = smsCenterCredentialType();
	const probe: INodeType = {
		description: {
			displayName: 'Credential probe',
			name: 'credentialProbe',
			group: ['output'],
			version: 1,
			description: 'Runs a credential test request',
			defaults: { name: 'Temp-Node' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: credentialType.name, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', default: '', routing: { request: credentialType.test?.request } }],
		},
	};
	const run = await executeWorkflow(
		{
			id: 'credential-test',
			name: 'Credential test',
			active: false,
			activeVersionId: null,
			isArchived: false,
			createdAt: new Date(),
			updatedAt: new Date(),
			nodes: [
				{ id: 'input', name: 'Input', type: 'harness.inputItems', typeVersion: 1, position: [0, 0], parameters: { items: '[{}]' } },
				{ id: 'temp', name: 'Temp-Node', type: PROBE_TYPE, typeVersion: 1, position: [200, 0], parameters: { temp: '' }, credentials: { smsCenterApi: { id: '1', name: 'test' } } },
			],
			connections: { Input: { main: [[{ node: 'Temp-Node', type: 'main', index: 0 }]] } },
		},
		{ smsCenterApi: { ...data } },
		{ extraNodeTypes: { [PROBE_TYPE]: probe }, forcePreAuthentication: true },
	);
	const error = run.error('Temp-Node');
	if (!error) return { status: 'OK', message: 'Connection successful!' };
	const cause = (error as { cause?: { message?: string } }).cause;
	return { status: 'Error', message: cause?.message ?? error.message };
}
