import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';
import { CREDENTIAL_NAME } from '../nodes/shared/credentialName';
import { DEFAULT_PROTOCOL, PROTOCOL_OPTIONS } from '../nodes/shared/protocol';
import { addLoginForOwnOrigin, DEFAULT_BASE_URL, loginOf } from '../nodes/shared/transport/login';

/**
 * The SMSCenter login. n8n tests it with the SMSCenter node's credential test (`testedBy`), which
 * reads SMSCenter's answer code rather than the HTTP status: the gateway answers 200 either way.
 */
export class SmsCenterApi implements ICredentialType {
	name = CREDENTIAL_NAME;

	displayName = 'SMSCenter API';

	documentationUrl = 'https://github.com/n8n-nodes-smscenter/n8n-nodes-smscenter#credentials';

	icon: Icon = { light: 'file:smscenter.svg', dark: 'file:smscenter.dark.svg' };

	properties: INodeProperties[] = [
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			description: 'Your username on the SMSCenter site',
		},
		{
			displayName: 'API Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The encrypted API password issued by SMSCenter support. This is NOT the password you use to log in to the SMSCenter web site.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			description:
				'Change it only for an on-premises SMSCenter server. The service requires HTTPS.',
		},
		{
			displayName: 'Allow Insecure HTTP (On-Premises Only)',
			name: 'allowInsecureHttp',
			type: 'boolean',
			default: false,
			description:
				'Whether to allow a plain http:// base URL. Only for an on-premises server inside your own network.',
		},
		{
			displayName: 'Web Service Protocol',
			name: 'protocol',
			type: 'options',
			options: PROTOCOL_OPTIONS,
			default: DEFAULT_PROTOCOL,
			description:
				'How to call the SMSCenter web services. Choose SOAP 1.1 for servers where the HTTP POST protocol is turned off.',
		},
		{
			displayName:
				"Test checks only that SMSCenter accepts this login. An ordinary API user, or a company that is not prepaid, passes even where SMSCenter refuses it the balance methods (the API document reserves them for back-office administrators); the Account operations then show SMSCenter's answer.",
			name: 'testNotice',
			type: 'notice',
			default: '',
		},
	];

	/** Adds UserName and Password to requests for the credential's own base URL, and to no other. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return addLoginForOwnOrigin(
			requestOptions,
			credentials.baseUrl as string | undefined,
			credentials.allowInsecureHttp === true,
			loginOf(credentials),
		);
	}
}
