import type { Gateway } from '../gateway';
import { ivrSendDate, xsdLocalDateTime } from '../israelTime';
import { IVR_STATUS_ORDER, type ProfileBehaviour } from '../profiles';
import { element } from './xml';

export const SMSCENTER_NS = 'http://www.smscenter.co.il/';
export const WEBSERVICES_NS = 'http://www.smscenter.co.il/Web/WebServices/';
export const TEMPURI_NS = 'http://tempuri.org/';

export type ParamType = 'string' | 'long' | 'int' | 'double' | { enum: string[] };

export interface ParamSpec {
	name: string;
	type: ParamType;
}

/** A method's answer: the serialised type's name, its namespace and its inner XML (or text for an enum). */
export interface MethodResult {
	typeName: string;
	namespace: string;
	inner: string;
	/** In SOAP, the namespace of the `<MethodResult>` element and its content when it is not the service's. */
	soapResultNamespace?: string;
}

export type ParamValues = Record<string, string | number>;

export interface MethodSpec {
	params: ParamSpec[];
	handle(gateway: Gateway, values: ParamValues, remoteAddress: string): MethodResult;
}

export interface ServiceSpec {
	namespace: string;
	methods: Record<string, MethodSpec>;
}

export const SMS_OPERATIONS = [
	'Push',
	'Pull',
	'ReverseBilling',
	'WAPPush',
	'BinaryDCS_F7',
	'WapQuestion_OC',
	'WapMessage_OC',
	'IVR',
	'MMS',
	'Flash',
	'IVRConference',
	'GCM',
];
export const MESSAGE_OPTIONS = ['Regular', 'Concatenated', 'Reply'];
export const USERS_MODES = ['AllUsers', 'ThisUser'];

/** Every method's first two parameters. */
const LOGIN_PARAMS: ParamSpec[] = [
	{ name: 'UserName', type: 'string' },
	{ name: 'Password', type: 'string' },
];

const SMS_PARAMS: ParamSpec[] = [
	...LOGIN_PARAMS,
	{ name: 'SenderName', type: 'string' },
	{ name: 'SendToPhoneNumbers', type: 'string' },
	{ name: 'CCToEmail', type: 'string' },
	{ name: 'Message', type: 'string' },
	{ name: 'SMSOperation', type: { enum: SMS_OPERATIONS } },
	{ name: 'DeliveryDelayInMinutes', type: 'long' },
	{ name: 'ExpirationDelayInMinutes', type: 'long' },
	{ name: 'MessageOption', type: { enum: MESSAGE_OPTIONS } },
	{ name: 'Price', type: 'double' },
];

const str = (values: ParamValues, name: string): string => String(values[name] ?? '');
const num = (values: ParamValues, name: string): number => Number(values[name] ?? 0);
/** The user name and password a method was called with. */
const login = (values: ParamValues): [string, string] => [
	str(values, 'UserName'),
	str(values, 'Password'),
];
/** Each item as a `<tag>` element holding what `content` writes for it, one after the other. */
const records = <T>(tag: string, items: T[], content: (item: T) => string): string =>
	items.map((item) => `<${tag}>${content(item)}</${tag}>`).join('');

function smsRequest(values: ParamValues) {
	return {
		userName: str(values, 'UserName'),
		password: str(values, 'Password'),
		senderName: str(values, 'SenderName'),
		sendToPhoneNumbers: str(values, 'SendToPhoneNumbers'),
		ccToEmail: str(values, 'CCToEmail'),
		message: str(values, 'Message'),
		smsOperation: str(values, 'SMSOperation'),
		deliveryDelayInMinutes: num(values, 'DeliveryDelayInMinutes'),
		expirationDelayInMinutes: num(values, 'ExpirationDelayInMinutes'),
		messageOption: str(values, 'MessageOption'),
		price: num(values, 'Price'),
	};
}

export const SERVICES: Record<string, ServiceSpec> = {
	sendmessage: {
		namespace: SMSCENTER_NS,
		methods: {
			SendMessagesV2: {
				params: SMS_PARAMS,
				handle(gateway, values, remote) {
					const result = gateway.sendSms(smsRequest(values), remote);
					return {
						typeName: 'SendMessageReturnValues',
						namespace: SMSCENTER_NS,
						inner: result.code,
					};
				},
			},
			SendMessageReturnMessageID: {
				params: SMS_PARAMS,
				handle(gateway, values, remote) {
					const result = gateway.sendSms(smsRequest(values), remote);
					return {
						typeName: 'SendMessageV2ReturnMessageID',
						namespace: SMSCENTER_NS,
						inner: element('Response', result.code) + element('MessageID', result.messageId),
					};
				},
			},
		},
	},
	sendivrmessage: {
		namespace: SMSCENTER_NS,
		methods: {
			SendIVRMessages: {
				params: [
					...LOGIN_PARAMS,
					{ name: 'SenderName', type: 'string' },
					{ name: 'RecordID', type: 'int' },
					{ name: 'SendToPhoneNumbers', type: 'string' },
					{ name: 'Message', type: 'string' },
					{ name: 'DeliveryDelayInMinutes', type: 'long' },
					{ name: 'ExpirationDelayInMinutes', type: 'long' },
				],
				handle(gateway, values, remote) {
					const result = gateway.sendIvr(
						{
							userName: str(values, 'UserName'),
							password: str(values, 'Password'),
							senderName: str(values, 'SenderName'),
							recordId: num(values, 'RecordID'),
							sendToPhoneNumbers: str(values, 'SendToPhoneNumbers'),
							message: str(values, 'Message'),
							deliveryDelayInMinutes: num(values, 'DeliveryDelayInMinutes'),
							expirationDelayInMinutes: num(values, 'ExpirationDelayInMinutes'),
						},
						remote,
					);
					return {
						typeName: 'SendMessageV2ReturnMessageID',
						namespace: SMSCENTER_NS,
						inner: element('MessageID', result.messageId) + element('Response', result.code),
					};
				},
			},
			GetMessagesResponseByMessageID: {
				params: [...LOGIN_PARAMS, { name: 'MessageID', type: 'int' }],
				handle(gateway, values, remote) {
					const answer = gateway.ivrResponses(...login(values), str(values, 'MessageID'), remote);
					const shape = answer.profile.behaviour;
					const rows = records(
						'IVRMessageReturnResponse',
						answer.rows,
						(row) =>
							element('Mobile', row.mobile) +
							element('Status', ivrStatus(row.status, shape)) +
							element(
								'SendDate',
								shape.ivrSendDate === 'xsd'
									? xsdLocalDateTime(row.sendDate)
									: ivrSendDate(row.sendDate),
							) +
							element('CallLength', row.callLength) +
							element('Response', row.response),
					);
					return {
						typeName: 'IVRMessagesReturnResponse',
						namespace: TEMPURI_NS,
						inner:
							element('Login', answer.login) +
							`<ArrIVRMessagesReturnResponse>${rows}</ArrIVRMessagesReturnResponse>`,
						soapResultNamespace: shape.ivrSoapNamespace === 'tempuri' ? TEMPURI_NS : undefined,
					};
				},
			},
		},
	},
	checkprepaid: {
		namespace: WEBSERVICES_NS,
		methods: {
			CheckCompanyPrePaid: {
				params: LOGIN_PARAMS,
				handle(gateway, values, remote) {
					const balance = gateway.companyBalance(...login(values), remote);
					const shown = balance.balances;
					const amounts = shown
						? element('SMS', shown.sms) +
							element('IVRSeconds', shown.ivrSeconds) +
							element('MMS', shown.mms)
						: '';
					return {
						typeName: 'CheckPrePaidResult',
						namespace: WEBSERVICES_NS,
						inner: amounts + element('Result', balance.result),
					};
				},
			},
			CheckUsersPrePaid: {
				params: [...LOGIN_PARAMS, { name: 'Mode', type: { enum: USERS_MODES } }],
				handle(gateway, values, remote) {
					const balances = gateway.userBalances(...login(values), str(values, 'Mode'), remote);
					const shape = balances.profile.behaviour;
					const items = records(
						'UserPrePaid',
						balances.users,
						(user) =>
							element('UserName', user.userName) +
							element('SMS', user.sms) +
							element('UserWorkingInPrePaidMode', userPrepaidMode(user.prepaidMode, shape)),
					);
					const companyMode =
						shape.companyPrepaidMode === 'name'
							? balances.companyWorkingInUserPrepaidMode
								? 'True'
								: 'False'
							: balances.companyWorkingInUserPrepaidMode;
					return {
						typeName: 'UsersPrePaidResponse',
						namespace: WEBSERVICES_NS,
						inner:
							element('CompanyWorkingInUserPrepaidMode', companyMode) +
							`<Items>${items}</Items>` +
							element('ReturnValues', balances.result),
					};
				},
			},
		},
	},
};

/** IVR `Status` as the profile types it: the table's name, or its position in the document's table. */
function ivrStatus(name: string, shape: ProfileBehaviour): string | number {
	if (shape.ivrStatus === 'name') return name;
	const index = IVR_STATUS_ORDER.indexOf(name);
	return index >= 0 ? index : IVR_STATUS_ORDER.indexOf('Undefined');
}

function userPrepaidMode(on: boolean, shape: ProfileBehaviour): string | number | boolean {
	if (shape.userPrepaidMode === 'number') return on ? 1 : 0;
	if (shape.userPrepaidMode === 'name') return on ? 'True' : 'False';
	return on;
}

/** Converts one raw parameter the way ASMX does; throws the .NET message on a bad value. */
export function convertParam(spec: ParamSpec, raw: string): string | number {
	if (spec.type === 'string') return raw;
	if (typeof spec.type === 'object') {
		if (spec.type.enum.includes(raw)) return raw;
		if (/^\d+$/.test(raw) && Number(raw) < spec.type.enum.length)
			return spec.type.enum[Number(raw)];
		throw new Error(`System.ArgumentException: Requested value '${raw}' was not found.`);
	}
	const pattern = spec.type === 'double' ? /^-?\d+(\.\d+)?$/ : /^-?\d+$/;
	if (!pattern.test(raw.trim())) {
		const target =
			spec.type === 'double'
				? 'System.Double'
				: spec.type === 'int'
					? 'System.Int32'
					: 'System.Int64';
		throw new Error(
			`System.ArgumentException: Cannot convert ${raw} to ${target}.\r\nParameter name: type ---> System.FormatException: Input string was not in a correct format.`,
		);
	}
	return Number(raw);
}
