import { codeTable, lookUpCode } from './codeTable';

export interface IvrStatusInfo {
	meaning: string;
	final: boolean;
}

/** The IVRMessage status table, and whether a call in that state is finished. */
export const IVR_STATUSES: Readonly<Record<string, IvrStatusInfo>> = codeTable({
	NewCall: { meaning: 'Outgoing call', final: false },
	Sent: { meaning: 'Message sent', final: false },
	CompanyDisabled: { meaning: 'Company or customer disabled', final: true },
	MobileEmpty: { meaning: 'Mobile number empty or not valid', final: true },
	NotEnoughIVRSecondsAvailable: {
		meaning: 'Not enough IVR seconds available for the customer',
		final: true,
	},
	NoPermissionToSendToProvider: {
		meaning: 'No permission for the company to send to the provider',
		final: true,
	},
	MessageDeleted: { meaning: 'Message deleted', final: true },
	MessageExpired: { meaning: 'Message expired', final: true },
	Queued: { meaning: 'Queued, in process', final: false },
	UserIsDisabledOrDeleted: { meaning: 'User disabled or deleted', final: true },
	DelayedMessage: { meaning: 'Delayed or planned message', final: false },
	NumberBlackListedForCompany: { meaning: 'Number is blacklisted for the company', final: true },
	IVRCallSuccess: { meaning: 'IVR call success', final: true },
	IVRCallNotSuccess: { meaning: 'IVR call not successful', final: true },
	ExceededtheNumberOfTries: { meaning: 'Exceeded the number of call tries', final: true },
	Calling: { meaning: 'Calling', final: false },
	FailedCall: { meaning: 'Failed call', final: true },
	Connected: { meaning: 'Connected', final: false },
	Disconnected: { meaning: 'Disconnected', final: true },
	Expired: { meaning: 'IVR expired', final: true },
	InConference: { meaning: 'In conference', final: false },
	Undefined: { meaning: 'Undefined error', final: true },
	RestrictHours: { meaning: 'Restricted hours', final: false },
	RestrictDate: { meaning: 'Restricted date', final: false },
	ProviderNotFound: { meaning: 'Provider not found', final: true },
	FailedWithResponse: { meaning: 'Failed with response', final: true },
	FailedWithoutResponse: { meaning: 'Failed without response', final: true },
});

/**
 * The document types `Status` as Int and lists the statuses by name. A number is read as the
 * status's position in the document's table, from 0, as a .NET enumeration without explicit values
 * is numbered (an inference: the document gives no numbers). The number is kept beside the name.
 */
export const IVR_STATUS_TABLE_ORDER: readonly string[] = Object.keys(IVR_STATUSES);

export interface IvrStatusReading extends IvrStatusInfo {
	name: string;
	/** The number the gateway wrote, when it wrote one; null for a name. */
	code: number | null;
}

export function describeIvrStatus(raw: string): IvrStatusReading {
	const text = raw.trim();
	const code = /^\d{1,4}$/.test(text) ? Number(text) : null;
	const name = code === null ? text : (IVR_STATUS_TABLE_ORDER[code] ?? text);
	const known = Object.prototype.hasOwnProperty.call(IVR_STATUSES, name)
		? IVR_STATUSES[name]
		: undefined;
	return { name, code, meaning: known?.meaning ?? 'Unknown status', final: known?.final ?? false };
}

/** An IVR status name from the gateway, or undefined for a name not in the table. */
export function ivrStatus(name: string): IvrStatusInfo | undefined {
	return lookUpCode(IVR_STATUSES, name);
}
