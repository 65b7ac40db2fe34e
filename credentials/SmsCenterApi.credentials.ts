import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';
import { CREDENTIAL_NAME } from '../nodes/shared/credentialName';
import { DEFAULT_PROTOCOL, PROTOCOL_OPTIONS, type AsmxProtocol } from '../nodes/shared/protocol';
import { describeAnswer } from '../nodes/shared/statusCodes/answerCodes';
import { isAcceptedAnswer } from '../nodes/shared/transport/answerRules';
import { checkedBaseUrl, CredentialSetupError, DEFAULT_BASE_URL, loginOf, withLogin } from '../nodes/shared/transport/login';
import { failedResponse, isRedirectStatus, REDIRECT_ADVICE, redirectSummary } from '../nodes/shared/transport/redirects';
import { buildAsmxRequest } from '../nodes/shared/transport/requestBuilder';
import { asObject, readAsmxResult, required } from '../nodes/shared/transport/responseParser';

/** The credential test's request: the login check, as the HTTP POST protocol sends it. */
const LOGIN_CHECK = buildAsmxRequest('CheckCompanyPrePaid', [], 'httpPost');

function headerValue(headers: IDataObject | undefined, name: string): string {
	const key = Object.keys(headers ?? {}).find((k) => k.toLowerCase() === name.toLowerCase());
	return key === undefined ? '' : String((headers ?? {})[key]);
}

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
			description: 'Change it only for an on-premises SMSCenter server. The service requires HTTPS.',
		},
		{
			displayName: 'Allow Insecure HTTP (On-Premises Only)',
			name: 'allowInsecureHttp',
			type: 'boolean',
			default: false,
			description: 'Whether to allow a plain http:// base URL. Only for an on-premises server inside your own network.',
		},
		{
			displayName: 'Web Service Protocol',
			name: 'protocol',
			type: 'options',
			options: PROTOCOL_OPTIONS,
			default: DEFAULT_PROTOCOL,
			description: 'How to call the SMSCenter web services. Choose SOAP 1.1 for servers where the HTTP POST protocol is turned off.',
		},
		{
			displayName: 'Login Checked At',
			name: 'loginCheckedAt',
			type: 'hidden',
			typeOptions: { expirable: true },
			default: '',
		},
	];

	/** Checks the login once (and at every credential test) so that a wrong password is reported in SMSCenter's words. */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const baseURL = checkedBaseUrl(credentials.baseUrl as string, credentials.allowInsecureHttp === true);
		const protocol = (credentials.protocol as AsmxProtocol | undefined) ?? DEFAULT_PROTOCOL;
		const request = buildAsmxRequest('CheckCompanyPrePaid', [], protocol);
		const body = withLogin(request.body, request.headers['Content-Type'], loginOf(credentials));
		const answer = (await this.helpers
			.httpRequest({
				method: 'POST',
				baseURL,
				url: request.url,
				headers: request.headers,
				body,
				encoding: 'text',
				timeout: 30_000,
				disableFollowRedirect: true,
			})
			.catch((error: unknown) => {
				const response = failedResponse(error);
				if (response && isRedirectStatus(response.statusCode)) {
					throw new CredentialSetupError(`${redirectSummary(response.statusCode, response.headers, baseURL)} (login check). ${REDIRECT_ADVICE}`);
				}
				throw error;
			})) as string;
		const code = required(asObject(readAsmxResult(String(answer), 'CheckCompanyPrePaid')), 'Result');
		if (!isAcceptedAnswer(code)) {
			const { meaning, action } = describeAnswer(code);
			throw new CredentialSetupError(`SMSCenter refused the login: ${code}. ${meaning}${action ? ` ${action}` : ''}`);
		}
		return { loginCheckedAt: new Date().toISOString() };
	}

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const baseURL = checkedBaseUrl(credentials.baseUrl as string, credentials.allowInsecureHttp === true);
		const contentType = headerValue(requestOptions.headers, 'content-type');
		const body = typeof requestOptions.body === 'string' ? requestOptions.body : '';
		return {
			...requestOptions,
			baseURL: requestOptions.url.startsWith('/') ? baseURL : requestOptions.baseURL,
			body: withLogin(body, contentType, loginOf(credentials)),
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: LOGIN_CHECK.url,
			method: LOGIN_CHECK.method,
			headers: LOGIN_CHECK.headers,
			body: LOGIN_CHECK.body,
			disableFollowRedirect: true,
		},
	};
}
