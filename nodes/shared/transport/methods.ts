/**
 * The gateway's web methods in one table, so that a correction to a name or a path is a one-line change.
 * SOAP actions are the service namespace followed by the method name.
 */
export const SMSCENTER_NAMESPACE = 'http://www.smscenter.co.il/';
export const WEBSERVICES_NAMESPACE = 'http://www.smscenter.co.il/Web/WebServices/';

export type AsmxMethod =
	| 'SendMessagesV2'
	| 'SendMessageReturnMessageID'
	| 'SendIVRMessages'
	| 'GetMessagesResponseByMessageID'
	| 'CheckCompanyPrePaid'
	| 'CheckUsersPrePaid';

export interface MethodInfo {
	service: 'SendMessage' | 'SendIVRMessage' | 'CheckPrePaid';
	namespace: string;
	/** A send charges the account: it is never retried once it may have reached the gateway. */
	sends: boolean;
}

export const ASMX_METHODS: Record<AsmxMethod, MethodInfo> = {
	SendMessagesV2: { service: 'SendMessage', namespace: SMSCENTER_NAMESPACE, sends: true },
	SendMessageReturnMessageID: {
		service: 'SendMessage',
		namespace: SMSCENTER_NAMESPACE,
		sends: true,
	},
	SendIVRMessages: { service: 'SendIVRMessage', namespace: SMSCENTER_NAMESPACE, sends: true },
	GetMessagesResponseByMessageID: {
		service: 'SendIVRMessage',
		namespace: SMSCENTER_NAMESPACE,
		sends: false,
	},
	CheckCompanyPrePaid: { service: 'CheckPrePaid', namespace: WEBSERVICES_NAMESPACE, sends: false },
	CheckUsersPrePaid: { service: 'CheckPrePaid', namespace: WEBSERVICES_NAMESPACE, sends: false },
};

export const PUSH_SMS_PATH = '/Web/pushsms.aspx';

export function servicePath(method: AsmxMethod): string {
	return `/Web/WebServices/${ASMX_METHODS[method].service}.asmx`;
}
