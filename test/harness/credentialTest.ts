import { CredentialTestContext, ExecutionLifecycleHooks } from 'n8n-core';
import {
	type ICredentialDataDecryptedObject,
	type ICredentialTestFunction,
	type INodeType,
} from 'n8n-workflow';
import { executeWorkflow, testAdditionalData } from './executeWorkflow';
import { TestCredentialsHelper, withDefaults } from './credentialsHelper';
import { PackageNodeTypes, smsCenterCredentialType, SMSCENTER_TYPE } from './packageTypes';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

const PROBE_TYPE = 'harness.credentialProbe';

/**
 * Tests a credential the way n8n's credentials tester (2.40) does: the credential type's own
 * `test` request when it has one, otherwise the `testedBy` function of a node that uses the
 * credential, called with n8n-core's CredentialTestContext and the data with its defaults applied.
 */
export async function testSmsCenterCredential(
	data: ICredentialDataDecryptedObject,
): Promise<CredentialTestResult> {
	const credentialType = smsCenterCredentialType();
	if (credentialType.test) return await testByRequest(data);
	const node = new PackageNodeTypes().getByNameAndVersion(SMSCENTER_TYPE);
	const testedBy = node.description.credentials?.find(
		(c) => c.name === credentialType.name,
	)?.testedBy;
	if (typeof testedBy !== 'string')
		throw new Error(`No node tests the ${credentialType.name} credential`);
	const test = node.methods?.credentialTest?.[testedBy] as ICredentialTestFunction | undefined;
	if (!test) throw new Error(`The node has no credential test named ${testedBy}`);
	const completed = withDefaults(credentialType.properties, data);
	const additionalData = testAdditionalData(
		new TestCredentialsHelper({}),
		new ExecutionLifecycleHooks('internal', 'credential-test', {
			id: 'credential-test',
			name: 'Credential test',
			nodes: [],
			connections: {},
		} as never),
		'credential-test',
	);
	const result = await test.call(new CredentialTestContext(additionalData), {
		id: '1',
		name: 'test',
		type: credentialType.name,
		data: completed,
	});
	return { status: result.status, message: result.message };
}

/** n8n's path for a credential with a `test` request: a throw-away declarative node whose only property routes the request. */
async function testByRequest(data: ICredentialDataDecryptedObject): Promise<CredentialTestResult> {
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
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					default: '',
					routing: { request: credentialType.test?.request },
				},
			],
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
				{
					id: 'input',
					name: 'Input',
					type: 'harness.inputItems',
					typeVersion: 1,
					position: [0, 0],
					parameters: { items: '[{}]' },
				},
				{
					id: 'temp',
					name: 'Temp-Node',
					type: PROBE_TYPE,
					typeVersion: 1,
					position: [200, 0],
					parameters: { temp: '' },
					credentials: { smsCenterApi: { id: '1', name: 'test' } },
				},
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
