import {
	ICredentialsHelper,
	NodeHelpers,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialType,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeParameters,
	type INodeProperties,
	type IRequestOptionsSimplified,
} from 'n8n-workflow';
import { smsCenterCredentialType, smsCenterTriggerCredentialType } from './packageTypes';

/** Credential data with the defaults of the credential's properties, as n8n decrypts it. */
export function withDefaults(
	properties: INodeProperties[],
	data: ICredentialDataDecryptedObject,
): ICredentialDataDecryptedObject {
	return NodeHelpers.getNodeParameters(
		properties,
		data as INodeParameters,
		true,
		false,
		null,
		null,
	) as ICredentialDataDecryptedObject;
}

/**
 * Holds decrypted credentials by type and applies the credential type's own `authenticate` and
 * `preAuthentication`, as n8n's credentials helper (2.40) does: decrypted data gets the defaults of
 * the credential's properties; pre-authentication runs when the expirable field is empty, expired,
 * or the credential is being tested, and what it returns is saved back into the credential only
 * when it holds the expirable field.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	readonly types: Record<string, ICredentialType> = {
		smsCenterApi: smsCenterCredentialType(),
		smsCenterTriggerApi: smsCenterTriggerCredentialType(),
	};
	/** Every update n8n would write to its database. */
	readonly updates: Array<{ type: string; data: ICredentialDataDecryptedObject }> = [];

	/** How many times a node asked for decrypted credentials. */
	decryptions = 0;

	/** How many times n8n would have run the credential's preAuthentication. */
	preAuthentications = 0;

	constructor(
		private readonly credentials: Record<string, ICredentialDataDecryptedObject>,
		/** n8n always runs pre-authentication when a credential is being tested. */
		private readonly forcePreAuthentication = false,
	) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
	): Promise<IHttpRequestOptions> {
		const authenticate = this.types[typeName]?.authenticate;
		if (typeof authenticate !== 'function') return requestOptions as IHttpRequestOptions;
		return await authenticate(credentials, requestOptions as IHttpRequestOptions);
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	) {
		const type = this.types[typeName];
		const expirable = type?.properties.find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		);
		if (!type?.preAuthentication || !expirable) return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired && !this.forcePreAuthentication)
			return undefined;
		this.preAuthentications++;
		const output = (await type.preAuthentication.call(
			helpers,
			credentials,
		)) as ICredentialDataDecryptedObject;
		if (output[expirable.name] === undefined) return undefined;
		this.updates.push({ type: typeName, data: output });
		Object.assign(this.credentials[typeName], output);
		return output;
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	) {
		const type = this.types[typeName];
		return type?.preAuthentication
			? ((await type.preAuthentication.call(
					helpers,
					credentials,
				)) as ICredentialDataDecryptedObject)
			: undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('Not used by the harness');
	}

	async getDecrypted(
		_additionalData: unknown,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		this.decryptions++;
		const data = this.credentials[type];
		if (!data) throw new Error(`No test credentials of type ${type}`);
		return withDefaults(this.getCredentialsProperties(type), data);
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.updates.push({ type, data });
		this.credentials[type] = data;
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.types[type]?.properties ?? [];
	}
}
